-- Tiles take the name the README's glossary gives them: activity_events (the product's word for a tile at
-- the HTTP boundary, where it stays) becomes tiles, with its key and indexes. No function names it.
ALTER TABLE activity_events RENAME TO tiles;
ALTER INDEX activity_events_pkey RENAME TO tiles_pkey;
ALTER INDEX activity_events_feed RENAME TO tiles_feed;
ALTER INDEX activity_events_windows RENAME TO tiles_windows;
