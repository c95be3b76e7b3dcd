using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// Completes -Id with the ids in the connected tenant (the subject name as the tooltip). One
    /// listing request, bounded to a few seconds; without a connection it completes nothing.
    /// </summary>
    public sealed class CertificateIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = ConnectionOf(fakeBoundParameters);
            if (connection is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var results = new List<CompletionResult>();
            foreach (var (id, subjectName) in ListIds(connection))
            {
                if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || (subjectName?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ?? false))
                {
                    results.Add(new CompletionResult(id, id + (subjectName is null ? string.Empty : " (" + subjectName + ")"), CompletionResultType.ParameterValue, subjectName ?? id));
                }
            }

            return results;
        }

        /// <summary>The command's -Connection when typed so far, else this runspace's: the ids completed are the tenant the command would act on.</summary>
        private static ConnectionContext? ConnectionOf(IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters?[nameof(ConnectedCmdlet.Connection)];
            if ((given is PSObject wrapped ? wrapped.BaseObject : given) is ConnectionContext context)
            {
                return context;
            }

            var runspace = Runspace.DefaultRunspace;
            return runspace is null ? null : GraphCmdlet.CurrentIn(runspace);
        }

        private static IReadOnlyList<(string Id, string? SubjectName)> ListIds(ConnectionContext connection)
        {
            // A closed connection completes nothing; an open one stays open until this listing ends.
            if (!connection.Certificates.TryBeginCall())
            {
                return Array.Empty<(string, string?)>();
            }

            using var timeout = new CancellationTokenSource(Budget);
            try
            {
                // Completion is synchronous by contract; the request runs on the thread pool, so
                // waiting here cannot deadlock the pipeline thread.
                return Task.Run(() => ListIdsOnThreadPool(connection, timeout.Token)).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is GraphException || ex is OperationCanceledException)
            {
                return Array.Empty<(string, string?)>();
            }
            finally
            {
                connection.Certificates.EndCall();
            }
        }

        private static async Task<IReadOnlyList<(string Id, string? SubjectName)>> ListIdsOnThreadPool(ConnectionContext connection, CancellationToken cancellationToken)
        {
            var records = await connection.Certificates.ListAsync(null, "id,subjectName", null, null, cancellationToken).ConfigureAwait(false);
            return records.Where(r => r.Id is not null).Select(r => (r.Id!, r.SubjectName)).ToList();
        }
    }
}
