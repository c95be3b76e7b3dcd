using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// Each runspace's current connection, never a process-wide one: two runbook jobs in one process (two runspaces)
    /// never see or replace each other's sign-in. A runspace's connection goes with it.
    /// </summary>
    /// <remarks>
    /// Making another connection current does not close the one it replaces: that one is a value the user may hold
    /// (-Connection $contoso after connecting to Fabrikam). Only Disconnect- closes a connection.
    /// </remarks>
    internal static class ConnectionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, StrongBox<GraphConnection?>> Slots = new ConditionalWeakTable<Runspace, StrongBox<GraphConnection?>>();

        public static GraphConnection? Get(Runspace runspace) =>
            Slots.TryGetValue(runspace, out var slot) ? slot.Value : null;

        /// <summary>Makes <paramref name="connection"/> the runspace's current connection (null: none).</summary>
        public static void Set(Runspace runspace, GraphConnection? connection)
        {
            var slot = Slots.GetValue(runspace, _ => new StrongBox<GraphConnection?>());
            lock (slot)
            {
                slot.Value = connection;
            }
        }

        /// <summary>Leaves the runspace without a current connection if <paramref name="connection"/> is it.</summary>
        public static void Forget(Runspace runspace, GraphConnection connection)
        {
            if (!Slots.TryGetValue(runspace, out var slot))
            {
                return;
            }

            lock (slot)
            {
                if (ReferenceEquals(slot.Value, connection))
                {
                    slot.Value = null;
                }
            }
        }
    }
}
