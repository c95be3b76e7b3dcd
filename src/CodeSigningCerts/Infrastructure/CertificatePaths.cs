using System.Collections.Generic;
using System.Management.Automation;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>Resolves -Path (wildcards) and -LiteralPath to file-system paths, writing an error for each that fails.</summary>
    internal static class CertificatePaths
    {
        public static IEnumerable<string> Resolve(GraphCmdlet cmdlet, string[] paths, bool literal)
        {
            foreach (var path in paths)
            {
                var resolved = new List<string>();
                try
                {
                    if (literal)
                    {
                        resolved.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _));
                        if (provider.Name != "FileSystem")
                        {
                            NotFileSystem(cmdlet, path);
                            continue;
                        }
                    }
                    else
                    {
                        var matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                        if (provider.Name != "FileSystem")
                        {
                            NotFileSystem(cmdlet, path);
                            continue;
                        }

                        resolved.AddRange(matches);
                    }
                }
                catch (ItemNotFoundException ex)
                {
                    cmdlet.WriteInputError(ErrorIds.CertificateFileNotFound, ErrorCategory.ObjectNotFound, "Cannot find the certificate file '" + path + "'.", path, inner: ex);
                    continue;
                }
                catch (ProviderNotFoundException ex)
                {
                    cmdlet.WriteInputError(ErrorIds.CertificatePathNotFileSystem, ErrorCategory.InvalidArgument, ex.Message, path, inner: ex);
                    continue;
                }
                catch (DriveNotFoundException ex)
                {
                    cmdlet.WriteInputError(ErrorIds.CertificateFileNotFound, ErrorCategory.ObjectNotFound, ex.Message, path, inner: ex);
                    continue;
                }

                if (resolved.Count == 0)
                {
                    cmdlet.WriteInputError(ErrorIds.CertificateFileNotFound, ErrorCategory.ObjectNotFound, "No certificate file matches '" + path + "'.", path);
                }

                foreach (var file in resolved)
                {
                    yield return file;
                }
            }
        }

        private static void NotFileSystem(GraphCmdlet cmdlet, string path) =>
            cmdlet.WriteInputError(ErrorIds.CertificatePathNotFileSystem, ErrorCategory.InvalidArgument, "'" + path + "' is not a file-system path.", path);
    }
}
