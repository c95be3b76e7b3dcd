using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// Connections are kept per runspace, never process-wide: two runbook jobs in one process (two
    /// runspaces) never see or replace each other's sign-in. A runspace's connection goes with it.
    /// </summary>
    internal static class ConnectionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        public static GraphConnection? Get(Runspace runspace) =>
            Slots.TryGetValue(runspace, out var slot) ? slot.Connection : null;

        /// <summary>Makes <paramref name="connection"/> the runspace's connection and closes the one it replaces.</summary>
        public static void Set(Runspace runspace, GraphConnection? connection)
        {
            var slot = Slots.GetValue(runspace, _ => new Slot());
            GraphConnection? previous;
            lock (slot)
            {
                previous = slot.Connection;
                slot.Connection = connection;
            }

            if (!ReferenceEquals(previous, connection))
            {
                previous?.Dispose();
            }
        }

        private sealed class Slot
        {
            public GraphConnection? Connection { get; set; }
        }
    }
}
