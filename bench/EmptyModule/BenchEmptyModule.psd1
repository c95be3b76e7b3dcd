# The benchmark's import baseline: the same manifest shape as CodeSigningCerts.psd1 (a binary
# RootModule, explicit exports, the same compatibility and Gallery keys), one trivial cmdlet, no
# formats or types (it has no objects to format).
@{
    RootModule             = 'BenchEmptyModule.dll'
    ModuleVersion          = '1.0.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5b0f6a52-8d0e-4d43-9a51-0d4f2b4c1e11'
    Author                 = 'CodeSigningCerts contributors'
    CompanyName            = 'CodeSigningCerts'
    Copyright              = '(c) CodeSigningCerts contributors. MIT License.'
    Description            = 'An empty binary module: the import-time baseline of the CodeSigningCerts benchmark.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport        = @('Get-BenchEmpty')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags = @('Benchmark')
        }
    }
}
