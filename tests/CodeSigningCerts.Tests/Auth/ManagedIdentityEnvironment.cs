using GraphEmulator.Entra;

namespace CodeSigningCerts.Tests.Auth;

/// <summary>
/// Points the process at the emulator's managed identity endpoint, as Azure Automation and App Service
/// do (IDENTITY_ENDPOINT, IDENTITY_HEADER). The endpoint and header are the same for every emulator in
/// the process (one shared listener routes by resource), so tests in parallel set the same values.
/// </summary>
internal static class ManagedIdentityEnvironment
{
    public static void Point(EntraEmulatorServer entra)
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", entra.ManagedIdentityEndpoint.ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", entra.ManagedIdentityHeader);
    }
}
