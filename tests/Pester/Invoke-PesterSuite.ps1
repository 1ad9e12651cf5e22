<#
.SYNOPSIS
    Runs (or only discovers) the Pester files and reports one record per test.
.DESCRIPTION
    Shared by the xunit suite (which counts every Pester test in the `dotnet test` totals) and build.ps1 -Task Pester.
    Each test record has a Key (file > blocks > name) that is the same at discovery and after the run (Pester expands `<Name>` templates only when
    a test runs, so the key expands them from the test's data itself), the ExpandedPath Pester reports, the Result and
    the error text. Container records (Kind = Container) carry a file-level error in Error, such as a
    BeforeAll or AfterAll that threw or a file that does not parse.
.PARAMETER PesterModule
    Path to Pester.psd1 (5.x). Without it, the newest installed Pester 5 is imported.
.PARAMETER Discover
    Only discover: write the records to the pipeline and run nothing.
.PARAMETER ResultFile
    After a run, write the records to this file as JSON.
.PARAMETER FullNameFilter
    Run only the tests whose full name matches this wildcard pattern (Pester's Filter.FullName).
.EXAMPLE
    ./tests/Pester/Invoke-PesterSuite.ps1 -Path ./tests/Pester/Set-DtsTrustPolicy.Tests.ps1
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    [string[]] $Path = $PSScriptRoot,
    [string] $PesterModule,
    [switch] $Discover,
    [string] $ResultFile,
    [string[]] $FullNameFilter,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

$ErrorActionPreference = 'Stop'
if ($PesterModule) {
    Import-Module $PesterModule -Force
}
else {
    $installed = Get-Module -ListAvailable Pester | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $installed) {
        throw 'Pester 5 was not found. Build the test project (it downloads the Pester 5.9.1 NuGet package) and pass -PesterModule <NuGet packages folder>/pester/5.9.1/tools/Pester.psd1, or: Install-Module Pester -MinimumVersion 5.0 -MaximumVersion 5.99 -Scope CurrentUser'
    }
    Import-Module $installed.Path -Force
}

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Run.SkipRun = [bool]$Discover
$config.Output.Verbosity = if ($Discover) { 'None' } else { $Verbosity }
if ($FullNameFilter) { $config.Filter.FullName = $FullNameFilter }
$run = Invoke-Pester -Configuration $config

function Get-ErrorText($Records) {
    @($Records | Where-Object { $_ } | ForEach-Object {
            $message = if ($_.PSObject.Properties['DisplayErrorMessage'] -and $_.DisplayErrorMessage) { $_.DisplayErrorMessage } else { "$_" }
            # Pester's own frames say nothing about the test.
            $stack = @("$($_.ScriptStackTrace)" -split "`n" | Where-Object { $_ -notmatch 'Pester\.psm?1: line|Invoke-PesterSuite\.ps1: line' }) -join "`n"
            "$message`n$stack".Trim()
        }) -join "`n"
}

$records = [System.Collections.Generic.List[object]]::new()
$seen = @{}
foreach ($test in $run.Tests) {
    $file = Split-Path -Leaf "$($test.Block.BlockContainer.Item)"
    $name = $test.Name
    if ($test.Data -is [System.Collections.IDictionary]) {
        foreach ($k in $test.Data.Keys) { $name = $name.Replace("<$k>", "$($test.Data[$k])") }
    }
    $blocks = @($test.Path | Select-Object -SkipLast 1)
    # The file already names the cmdlet: a Describe of the same name would only repeat it.
    if ($blocks.Count -gt 1 -and $blocks[0] -eq ($file -replace '\.Tests\.ps1$', '')) { $blocks = @($blocks | Select-Object -Skip 1) }
    $block = $blocks -join ' > '
    # Two tests with the same name in one block stay apart by their order.
    $key = "$file > $block > $name"
    $seen[$key] = 1 + [int]$seen[$key]
    if ($seen[$key] -gt 1) { $name += " (#$($seen[$key]))"; $key = "$file > $block > $name" }
    $errorText = Get-ErrorText $test.ErrorRecord
    if (-not $errorText -and $test.Result -ne 'Passed') {
        # A failing BeforeAll fails its tests without an error of their own: show the block's.
        $parent = $test.Block
        while ($parent -and -not $errorText) { $errorText = Get-ErrorText $parent.ErrorRecord; $parent = $parent.Parent }
    }
    $records.Add([pscustomobject]@{
            Kind         = 'Test'
            Key          = $key
            File         = $file
            Block        = $block
            Name         = $name
            ExpandedPath = $test.ExpandedPath
            Result       = "$($test.Result)"
            Error        = $errorText
        })
}
function Get-BlockError($Blocks) {
    foreach ($b in $Blocks) { $b.ErrorRecord; Get-BlockError $b.Blocks }
}
foreach ($container in $run.Containers) {
    # Errors of the file's own BeforeAll/AfterAll land on the container, those of a Describe's or Context's on its block;
    # an AfterAll error fails no test, so it is reported here.
    $containerError = Get-ErrorText (@($container.ErrorRecord) + @(Get-BlockError $container.Blocks))
    $records.Add([pscustomobject]@{
            Kind         = 'Container'
            Key          = Split-Path -Leaf "$($container.Item)"
            File         = Split-Path -Leaf "$($container.Item)"
            Block        = ''
            Name         = ''
            ExpandedPath = ''
            Result       = "$($container.Result)"
            Error        = $containerError
        })
}

if ($Discover) { return $records }
if ($ResultFile) { ConvertTo-Json -InputObject @($records) -Depth 3 | Set-Content -Path $ResultFile -Encoding utf8 }
$failed = @($records | Where-Object { $_.Kind -eq 'Test' -and $_.Result -notin 'Passed', 'NotRun' }).Count +
    @($records | Where-Object { $_.Kind -eq 'Container' -and $_.Error }).Count
exit ([int]($failed -gt 0 -or $run.Result -eq 'Failed'))
