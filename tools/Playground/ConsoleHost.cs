using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Playground;

/// <summary>Just enough of a console host for PowerShell's formatter, warnings, verbose and prompts.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUserInterface _ui = new();

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "CodeSigningCertsPlayground";

    public override PSHostUserInterface UI => _ui;

    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class ConsoleUserInterface : PSHostUserInterface
    {
        public override PSHostRawUserInterface? RawUI => null;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Console.WriteLine(caption);
            Console.WriteLine(message);
            for (var i = 0; i < choices.Count; i++)
            {
                Console.WriteLine("  [" + i + "] " + choices[i].Label.Replace("&", string.Empty, StringComparison.Ordinal));
            }

            Console.Write("Choice (default " + defaultChoice + "): ");
            return int.TryParse(Console.ReadLine(), out var choice) && choice >= 0 && choice < choices.Count ? choice : defaultChoice;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            var answers = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                Console.Write(field.Name + ": ");
                answers[field.Name] = PSObject.AsPSObject(Console.ReadLine() ?? string.Empty);
            }

            return answers;
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

        public override string ReadLine() => Console.ReadLine() ?? string.Empty;

        public override SecureString ReadLineAsSecureString() => new System.Net.NetworkCredential(string.Empty, Console.ReadLine() ?? string.Empty).SecurePassword;

        public override void Write(string value) => Console.Write(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(value);

        public override void WriteLine(string value) => Console.WriteLine(value);

        public override void WriteErrorLine(string value) => Console.WriteLine(value);

        public override void WriteDebugLine(string message) => Console.WriteLine("DEBUG: " + message);

        public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }
    }
}
