using System.Collections.Frozen;

namespace Activity.Domain.Events;

/// <summary>
/// The built-in event types, with how each is shown. A well-formed type that is not here is still
/// accepted and shown generically: tracking must never fail because a list is missing an entry.
/// Lookups ignore case ("sign_in" finds SIGN_IN); the type keeps the spelling it was sent with.
/// </summary>
public static class EventCatalog
{
    private static readonly FrozenDictionary<string, EventTypeInfo> Types = new EventTypeInfo[]
    {
        // Auth
        new("SIGN_UP", "auth", "New member", "user-plus", "Joined[ as {name}]", "{count} new members joined"),
        new("SIGN_IN", "auth", "Signed in", "log-in", "Signed in[ with {method}]", "{count} sign-ins by {actors} people"),
        new("SIGN_OUT", "auth", "Signed out", "log-out", "Signed out", "{count} sign-outs"),
        new("VERIFY_EMAIL", "auth", "Email verified", "mail-check", "Verified their email address", "{count} email addresses verified"),
        new("UPDATE_PASSWORD", "auth", "Password changed", "key", "Changed their password", "{count} password changes"),
        new("RESET_PASSWORD", "auth", "Password reset", "key-round", "Reset their password", "{count} password resets"),
        new("UPDATE_ACCOUNT", "auth", "Account updated", "user-cog", "Updated their account[: {field}]", "{count} account updates"),
        new("DELETE_ACCOUNT", "auth", "Account deleted", "user-x", "Deleted their account", "{count} accounts deleted"),
        new("ENABLE_2FA", "auth", "Two-factor enabled", "shield-check", "Turned on two-factor sign-in", "{count} people turned on two-factor sign-in"),
        new("DISABLE_2FA", "auth", "Two-factor disabled", "shield-off", "Turned off two-factor sign-in", "{count} people turned off two-factor sign-in"),

        // Gamification
        new("badge_earned", "gamification", "Badge earned", "award", "Badge earned: {badgeName|a badge}[ (+{xp} XP)]", "{count} badges earned by {actors} people"),
        new("xp_rank_up", "gamification", "Rank up", "trending-up", "Reached {rank|a new rank}[ with {xp} XP]", "{count} rank-ups"),
        new("challenge_completed", "gamification", "Challenge completed", "flag", "Completed {challengeName|a challenge}[ (+{xp} XP)]", "{count} challenges completed"),
        new("streak_milestone", "gamification", "Streak milestone", "flame", "Reached a {days|new}-day streak", "{count} streak milestones"),
        new("tasks_burst", "gamification", "Task burst", "zap", "Finished {tasks|several} tasks in a row", "{count} task bursts"),
        new("all_tasks_cleared", "gamification", "All tasks cleared", "check-check", "Cleared every task[ in {listName}]", "{count} task lists cleared"),

        // Project
        new("project_created", "project", "Project created", "folder-plus", "Created project {projectName|a new project}", "{count} projects created"),
        new("database_created", "project", "Database created", "database", "Created database {databaseName|a new database}[ in {projectName}]", "{count} databases created"),
        new("tables_added", "project", "Tables added", "table", "Added {tableCount|new} tables[ to {databaseName}]", "{count} table changes"),
        new("endpoints_added", "project", "Endpoints added", "plug", "Added {endpointCount|new} endpoints[ to {projectName}]", "{count} endpoint additions"),
        new("endpoints_modified", "project", "Endpoints modified", "plug-zap", "Modified {endpointCount|some} endpoints[ in {projectName}]", "{count} endpoint changes"),
        new("queries_executed", "project", "Queries run", "terminal", "Ran {queryCount|some} queries[ on {databaseName}]", "{count} query sessions"),
        new("deployment", "project", "Deployment", "rocket", "Deployed {projectName|a project}[ to {environment}][ ({version})]", "{count} deployments"),
        new("github_push", "project", "Pushed to GitHub", "git-commit", "Pushed[ {commits} commits] to {repository|a repository}[ ({branch})]", "{count} pushes by {actors} people"),

        // Engagement
        new("vote", "engagement", "Vote", "thumbs-up", "Voted[ on {itemTitle}]", "{count} votes"),
        new("comment", "engagement", "Comment", "message-square", "Commented[ on {itemTitle}]", "{count} comments by {actors} people"),
        new("view", "engagement", "View", "eye", "Viewed {itemTitle|an item}", "{count} views"),
        new("submission", "engagement", "Submission", "send", "Submitted {title|an entry}", "{count} submissions"),
        new("vote_removed", "engagement", "Vote removed", "thumbs-down", "Took back a vote[ on {itemTitle}]", "{count} votes taken back"),
        new("comment_deleted", "engagement", "Comment deleted", "message-square-x", "Deleted a comment[ on {itemTitle}]", "{count} comments deleted"),
        new("newsletter_subscribed", "engagement", "Newsletter subscription", "mail-plus", "Subscribed to the newsletter", "{count} newsletter subscriptions"),
        new("newsletter_unsubscribed", "engagement", "Newsletter unsubscribed", "mail-minus", "Unsubscribed from the newsletter", "{count} newsletter cancellations"),

        // Social
        new("connection_request", "social", "Connection request", "user-round-plus", "Sent a connection request", "{count} connection requests"),
        new("connection_accept", "social", "New connection", "users", "Accepted a connection request", "{count} new connections"),
        new("connection_decline", "social", "Connection declined", "user-round-x", "Declined a connection request", "{count} connection requests declined"),
        new("connection_cancel", "social", "Request withdrawn", "undo-2", "Withdrew a connection request", "{count} connection requests withdrawn"),
        new("message_send", "social", "Message sent", "message-circle", "Sent a message", "{count} messages sent"),
        new("message_read", "social", "Message read", "mail-open", "Read a message", "{count} messages read"),
        new("profile_visit", "social", "Profile visit", "contact", "Visited[ {profileName}'s] profile", "{count} profile visits"),

        // Content
        new("post_create", "content", "New post", "file-plus", "Posted {title|something new}", "{count} new posts by {actors} people"),
        new("post_update", "content", "Post updated", "file-pen", "Updated {title|a post}", "{count} post updates"),
        new("story_create", "content", "New story", "book-open", "Shared a story[: {title}]", "{count} new stories"),
        new("community_create", "content", "Community created", "users-round", "Started the community {name|a new community}", "{count} communities created"),

        // Analytics
        new("page_view", "analytics", "Page view", "file", "Viewed {path|a page}", "{count} page views"),
        new("session_data", "analytics", "Session", "activity", "Session[ of {durationSeconds} s]", "{count} sessions"),
        new("scroll", "analytics", "Scroll", "scroll", "Scrolled[ to {depthPercent}%][ on {path}]", "{count} scrolls"),
    }.ToFrozenDictionary(t => t.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every built-in type.</summary>
    public static IEnumerable<EventTypeInfo> All => Types.Values;

    /// <summary>The categories of the built-in types, and "custom" for the others, in alphabetical order.</summary>
    public static IReadOnlyList<string> Categories { get; } = [.. Types.Values.Select(t => t.Category).Append("custom").Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The built-in description of <paramref name="type"/>, or a generic one made from its name.</summary>
    public static EventTypeInfo Describe(string type) =>
        Types.TryGetValue(type, out var info) ? info : Generic(type);

    /// <summary>Whether <paramref name="type"/> is built in.</summary>
    public static bool IsKnown(string type) => Types.ContainsKey(type);

    // "invoice.paid" → "Invoice paid"
    private static EventTypeInfo Generic(string type)
    {
        var words = type.Replace('_', ' ').Replace('.', ' ').Replace(':', ' ').Replace('-', ' ').Trim().ToLowerInvariant();
        var name = words.Length == 0 ? type : char.ToUpperInvariant(words[0]) + words[1..];
        return new EventTypeInfo(type, "custom", name, "activity", name, $"{{count}} × {name}");
    }
}
