using CodeSigningCerts.Engine;

namespace CodeSigningCerts.UnitTests;

/// <summary>Intune's JSON inside Graph's error.message is shown as the sentence it holds, with the ids support asks for.</summary>
public sealed class IntuneMessageTests
{
    [Fact]
    public void The_inner_message_and_its_ids_are_shown_not_the_document()
    {
        const string message = "{\r\n  \"_version\": 3,\r\n  \"Message\": \"An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 7b5a4c1e-0d7e-4a55-9d8f-3a1f4b2c6e90 - Url: https://fef.msua06.manage.microsoft.com/StatelessAppMetadataFEService/deviceAppManagement/enterpriseCodeSigningCertificates?api-version=5023-05-04\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  \"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{}\"\r\n}";

        var readable = IntuneMessage.Readable(message);

        Assert.Equal("An error has occurred (Operation ID: 00000000-0000-0000-0000-000000000000, Activity ID: 7b5a4c1e-0d7e-4a55-9d8f-3a1f4b2c6e90)", readable);
    }

    [Theory]
    [InlineData("Resource not found for the segment 'x'.")]
    [InlineData("{ not json")]
    [InlineData("{\"other\": 1}")]
    public void A_message_that_is_no_such_document_is_left_as_it_is(string message)
    {
        Assert.Equal(message, IntuneMessage.Readable(message));
    }
}
