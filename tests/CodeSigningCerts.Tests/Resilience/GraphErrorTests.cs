using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>Every failed Graph call is an error a user can act on: a stable id, the right category, Graph's code and the request ids, the input as target.</summary>
public sealed class GraphErrorTests : EmulatedGraphTest
{
    [Theory]
    [InlineData(400, "BadRequest", "GraphBadRequest", ErrorCategory.InvalidArgument)]
    [InlineData(403, "Authorization_RequestDenied", "GraphPermissionDenied", ErrorCategory.PermissionDenied)]
    [InlineData(404, "ResourceNotFound", "CertificateNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(409, "Conflict", "GraphConflict", ErrorCategory.ResourceExists)]
    [InlineData(500, "InternalServerError", "GraphServiceError", ErrorCategory.ConnectionError)]
    public void A_Graph_error_status_carries_its_id_category_code_request_ids_and_the_input(int status, string code, string errorId, ErrorCategory category)
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Target");
        Graph.Faults.Enqueue(Fault.ErrorStatus(status, code), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Equal(new[] { errorId }, result.ErrorIds);
        var error = result.Errors[0];
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(stored.Id, error.TargetObject);
        var request = CertificateRequests("GET").Single();
        Assert.Contains(code, error.ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Contains("client-request-id: " + request.Headers["client-request-id"], error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Matches("request-id: [0-9a-f-]{36},", error.ErrorDetails.Message);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
    }

    [Fact]
    public void A_403_names_the_permission_to_grant()
    {
        Graph.Faults.Enqueue(Fault.ErrorStatus(403, "Authorization_RequestDenied"), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Contains("DeviceManagementApps.ReadWrite.All", result.Errors.Single().ErrorDetails!.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_page_in_place_of_an_answer_is_a_clear_error_not_a_parser_exception()
    {
        // A read, once: an upload answered by a proxy's 502 is a lost answer, looked for and sent again (UnknownOutcomeTests).
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-MaxRetryCount 0");
        var stored = Graph.Certificates.Add(null, subjectName: "Behind A Proxy");
        Graph.Faults.Enqueue(Fault.HtmlBody(), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Equal(new[] { "GraphResponseMalformed" }, result.ErrorIds);
        var error = result.Errors[0];
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(stored.Id, error.TargetObject);
        Assert.Contains("text/html", error.ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Equal("CodeSigningCerts.Engine.GraphException", error.Exception.GetType().FullName);
    }

    [Fact]
    public void A_cut_success_body_of_a_read_is_a_clear_error_once_the_retries_run_out()
    {
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-MaxRetryCount 0");
        var stored = Graph.Certificates.Add(null, subjectName: "Cut");
        Graph.Faults.Enqueue(Fault.MalformedJson(), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Equal(new[] { "GraphResponseMalformed" }, result.ErrorIds);
        Assert.Contains("not valid JSON", result.Errors[0].ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Equal("CodeSigningCerts.Engine.GraphException", result.Errors[0].Exception.GetType().FullName);
    }

    [Fact]
    public void A_removal_whose_connection_is_reset_is_a_connection_error_that_warns_it_may_have_happened()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Reset");
        Graph.Faults.Enqueue(Fault.ResetAfterProcessing(), "DELETE");

        var result = Ps.Run("Remove-EnterpriseCodeSigningCertificate -Id $id -Confirm:$false", ("id", stored.Id));

        Assert.Equal(new[] { "GraphUnreachable" }, result.ErrorIds);
        var error = result.Errors[0];
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Equal(stored.Id, error.TargetObject);
        Assert.Contains("may have reached Graph", error.ErrorDetails!.RecommendedAction, StringComparison.Ordinal);
        Assert.Single(CertificateRequests("DELETE"));
    }
}
