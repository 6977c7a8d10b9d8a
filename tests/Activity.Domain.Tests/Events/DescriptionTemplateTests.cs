using System.Text.Json;
using Activity.Domain.Events;

namespace Activity.Domain.Tests.Events;

public sealed class DescriptionTemplateTests
{
    private const string Badge = "Badge earned: {badgeName|a badge}[ (+{xp} XP)]";

    [Fact]
    public void Fields_come_from_the_payload() =>
        Assert.Equal("Badge earned: Sprint Champion (+50 XP)", Render(Badge, """{"badgeName":"Sprint Champion","xp":50}"""));

    [Fact]
    public void A_missing_field_uses_its_fallback_and_drops_its_optional_section() =>
        Assert.Equal("Badge earned: a badge", Render(Badge, "{}"));

    [Fact]
    public void No_payload_renders_like_an_empty_one() =>
        Assert.Equal("Badge earned: a badge", DescriptionTemplate.Render(Badge, null));

    [Fact]
    public void Nested_fields_are_read_with_dots() =>
        Assert.Equal("Deployed api to prod", Render("Deployed {project.name} to {target.env}", """{"project":{"name":"api"},"target":{"env":"prod"}}"""));

    [Fact]
    public void Values_given_by_the_tile_take_precedence_over_the_payload() =>
        Assert.Equal("3 badges", DescriptionTemplate.Render("{count} badges", Parse("""{"count":99}"""), new Dictionary<string, string> { ["count"] = "3" }));

    [Theory]
    [InlineData("""{"x":true}""", "is yes")]
    [InlineData("""{"x":2.5}""", "is 2.5")]
    [InlineData("""{"x":12345}""", "is 12345")]
    [InlineData("""{"x":""}""", "is ?")]
    [InlineData("""{"x":[1,2]}""", "is ?")]
    [InlineData("""{"x":{"y":1}}""", "is ?")]
    [InlineData("""[1,2,3]""", "is ?")]
    [InlineData("""{"x":null}""", "is ?")]
    public void Odd_values_render_or_fall_back_without_throwing(string payload, string expected) =>
        Assert.Equal(expected, Render("is {x|?}", payload));

    [Fact]
    public void A_long_description_is_cut_to_the_limit()
    {
        var text = Render("{text}", JsonSerializer.Serialize(new { text = new string('a', 1000) }));

        Assert.Equal(DescriptionTemplate.MaxLength, text.Length);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void An_unclosed_brace_or_bracket_is_kept_as_text() =>
        Assert.Equal("a {b", Render("a {b", "{}"));

    private static string Render(string template, string payload) => DescriptionTemplate.Render(template, Parse(payload));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
