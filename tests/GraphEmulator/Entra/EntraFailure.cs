namespace GraphEmulator.Entra;

/// <summary>A refusal as Entra words it: HTTP status, OAuth error code, AADSTS number and message.</summary>
internal sealed record EntraFailure(int Status, string Error, int Code, string Message)
{
    public static EntraFailure InvalidRequest(int code, string message) => new(400, "invalid_request", code, message);

    public static EntraFailure MissingParameter(string name) =>
        InvalidRequest(900144, $"The request body must contain the following parameter: '{name}'.");

    public static EntraFailure UnknownClient(string clientId, string tenant) => new(
        400,
        "unauthorized_client",
        700016,
        $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");

    public static EntraFailure InvalidScope(string scope) => new(
        400,
        "invalid_scope",
        70011,
        $"The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope '{scope}' is not valid.");

    public static EntraFailure UnknownResource(string resource, string tenant) => new(
        400,
        "invalid_resource",
        500011,
        $"The resource principal named {resource} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.");
}
