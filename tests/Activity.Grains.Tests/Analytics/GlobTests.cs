using Activity.Grains.Analytics;

namespace Activity.Grains.Tests.Analytics;

public sealed class GlobTests
{
    [Theory]
    [InlineData("top-items:*", "top-items:10", true)]
    [InlineData("top-items:*", "top-items:", true)]
    [InlineData("top-items:*", "user-growth:6", false)]
    [InlineData("*:1?", "top-items:10", true)]
    [InlineData("*:1?", "top-items:1", false)]
    [InlineData("*", "performance-metrics", true)]
    [InlineData("*growth*", "user-growth:12", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyycd", false)]
    [InlineData("recent-activity:10", "recent-activity:10", true)]
    [InlineData("recent-activity:10", "recent-activity:100", false)]
    [InlineData("", "", true)]
    public void A_glob_matches_the_whole_key(string pattern, string key, bool matches) =>
        Assert.Equal(matches, Glob.Matches(pattern, key));
}
