using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace CodeSigningCerts.Tests.Hosting;

/// <summary>
/// A PowerShell host that stands in for the console: it answers confirmation prompts as told and
/// records what the module showed the user through the host (prompts, host lines, progress).
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui;

    public TestHost(bool answerYes = true)
    {
        _ui = new TestHostUserInterface(answerYes);
    }

    public int Prompts => _ui.Prompts;

    public IReadOnlyList<string> Lines => _ui.Lines;

    public IReadOnlyList<ProgressRecord> Progress => _ui.Progress;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "CodeSigningCertsTestHost";

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

    private sealed class TestHostUserInterface : PSHostUserInterface
    {
        private readonly bool _answerYes;
        private readonly List<string> _lines = new();
        private readonly List<ProgressRecord> _progress = new();

        public TestHostUserInterface(bool answerYes)
        {
            _answerYes = answerYes;
        }

        public int Prompts { get; private set; }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public IReadOnlyList<ProgressRecord> Progress
        {
            get
            {
                lock (_progress)
                {
                    return _progress.ToList();
                }
            }
        }

        public override PSHostRawUserInterface? RawUI { get; } = new WideRawUserInterface();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts++;
            Record(caption + ": " + message);

            // ShouldProcess offers Yes, Yes to All, No, No to All (and Suspend): answer Yes (0) or No (2).
            return _answerYes ? 0 : 2;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("A test host does not answer free-form prompts.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException();

        public override string ReadLine() => string.Empty;

        public override SecureString ReadLineAsSecureString() => new();

        public override void Write(string value) => Record(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Record(value);

        public override void WriteLine(string value) => Record(value);

        public override void WriteErrorLine(string value) => Record(value);

        public override void WriteDebugLine(string message) => Record("DEBUG: " + message);

        public override void WriteVerboseLine(string message) => Record("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => Record("WARNING: " + message);

        public override void WriteInformation(InformationRecord record) => Record(record.MessageData?.ToString() ?? string.Empty);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            lock (_progress)
            {
                _progress.Add(record);
            }
        }

        private void Record(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
