// The event catalog names Lucide icons ("award", "rocket"); the console shows a glyph for each, so it
// needs no icon font. Unknown names get a dot.
const glyphs = {
  'user-plus': '🙋', 'log-in': '🔑', 'log-out': '🚪', 'mail-check': '📧', key: '🔑', 'key-round': '🗝️',
  'user-cog': '⚙️', 'user-x': '🚫', 'shield-check': '🛡️', 'shield-off': '⚠️', award: '🏅', 'trending-up': '📈',
  flag: '🏁', flame: '🔥', zap: '⚡', 'check-check': '✅', 'folder-plus': '📁', database: '🗄️', table: '📋',
  plug: '🔌', 'plug-zap': '🔌', terminal: '⌨️', rocket: '🚀', 'git-commit': '🔀', 'thumbs-up': '👍',
  'message-square': '💬', eye: '👁️', send: '📨', 'thumbs-down': '👎', 'message-square-x': '🗑️',
  'mail-plus': '📬', 'mail-minus': '📭', 'user-round-plus': '🤝', users: '👥', 'user-round-x': '🙅',
  'undo-2': '↩️', 'message-circle': '✉️', 'mail-open': '📖', contact: '🪪', 'file-plus': '📝', 'file-pen': '✏️',
  'book-open': '📖', 'users-round': '🏘️', file: '📄', activity: '📊', scroll: '📜', trophy: '🏆',
};

export const glyph = name => glyphs[name] ?? '•';

/** The three reactions, as the API names them. */
export const reactions = [
  { type: 'hype', label: 'Hype', glyph: '🔥' },
  { type: 'respect', label: 'Respect', glyph: '🙌' },
  { type: 'tribute', label: 'Tribute', glyph: '🏆' },
];
