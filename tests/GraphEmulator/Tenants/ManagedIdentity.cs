namespace GraphEmulator.Tenants;

/// <summary>
/// A managed identity of the emulated Azure resource. App Service names a user-assigned identity by client_id,
/// object_id (principal id) or mi_res_id (ARM resource id); the system-assigned one answers when none is given.
/// </summary>
internal sealed record ManagedIdentity(string ClientId, string TenantId, bool SystemAssigned, string ObjectId, string ResourceId);
