using Activity.Domain.Events;

namespace Activity.Domain.Tests.Events;

public sealed class EventTypeNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("SIGN_IN")]
    [InlineData("invoice.paid")]
    [InlineData("billing:invoice-paid_v2")]
    public void Well_formed_names_are_valid(string type) => Assert.True(EventTypeName.IsValid(type));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1password")]
    [InlineData("_private")]
    [InlineData("has space")]
    [InlineData("emoji🎉")]
    [InlineData("slash/type")]
    public void Malformed_names_are_not(string? type) => Assert.False(EventTypeName.IsValid(type));

    [Fact]
    public void Names_are_at_most_64_characters()
    {
        Assert.True(EventTypeName.IsValid("a" + new string('b', 63)));
        Assert.False(EventTypeName.IsValid("a" + new string('b', 64)));
    }
}
