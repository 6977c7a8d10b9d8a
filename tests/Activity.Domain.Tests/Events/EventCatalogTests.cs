using Activity.Domain.Events;

namespace Activity.Domain.Tests.Events;

public sealed class EventCatalogTests
{
    [Theory]
    [InlineData("SIGN_UP")]
    [InlineData("SIGN_IN")]
    [InlineData("SIGN_OUT")]
    [InlineData("VERIFY_EMAIL")]
    [InlineData("UPDATE_PASSWORD")]
    [InlineData("DELETE_ACCOUNT")]
    [InlineData("UPDATE_ACCOUNT")]
    [InlineData("badge_earned")]
    [InlineData("xp_rank_up")]
    [InlineData("challenge_completed")]
    [InlineData("streak_milestone")]
    [InlineData("tasks_burst")]
    [InlineData("all_tasks_cleared")]
    [InlineData("project_created")]
    [InlineData("database_created")]
    [InlineData("endpoints_added")]
    [InlineData("endpoints_modified")]
    [InlineData("queries_executed")]
    [InlineData("deployment")]
    [InlineData("github_push")]
    [InlineData("tables_added")]
    [InlineData("vote")]
    [InlineData("comment")]
    [InlineData("view")]
    [InlineData("submission")]
    [InlineData("connection_request")]
    [InlineData("connection_accept")]
    [InlineData("connection_decline")]
    [InlineData("connection_cancel")]
    [InlineData("message_send")]
    [InlineData("message_read")]
    [InlineData("profile_visit")]
    [InlineData("post_create")]
    [InlineData("post_update")]
    [InlineData("story_create")]
    [InlineData("community_create")]
    [InlineData("page_view")]
    [InlineData("session_data")]
    [InlineData("scroll")]
    public void Every_type_of_the_product_references_is_built_in(string type) => Assert.True(EventCatalog.IsKnown(type));

    [Fact]
    public void Every_built_in_type_renders_a_clean_sentence_from_an_empty_payload()
    {
        foreach (var info in EventCatalog.All)
        {
            Assert.True(EventTypeName.IsValid(info.Type), info.Type);
            foreach (var template in new[] { info.Description, info.GroupDescription })
            {
                var text = DescriptionTemplate.Render(template, null, new Dictionary<string, string> { ["count"] = "3", ["actors"] = "2", ["actor"] = "u1" });
                Assert.False(string.IsNullOrWhiteSpace(text), info.Type);
                Assert.DoesNotContain('{', text);
                Assert.DoesNotContain('[', text);
            }
        }
    }

    [Fact]
    public void A_type_not_in_the_catalog_is_shown_from_its_name()
    {
        var info = EventCatalog.Describe("invoice.paid");

        Assert.Equal("Invoice paid", info.DisplayName);
        Assert.Equal("custom", info.Category);
        Assert.Equal("3 × Invoice paid", DescriptionTemplate.Render(info.GroupDescription, null, new Dictionary<string, string> { ["count"] = "3" }));
    }

    [Fact]
    public void Lookups_ignore_case() => Assert.Equal("Signed in", EventCatalog.Describe("sign_in").DisplayName);
}
