<#
.SYNOPSIS
    Makes a copy of the running pwsh whose PowerShell assemblies are ReadyToRun-compiled, as in the pwsh packages people
    install, so the timed benchmarks can be run the way a user's pwsh runs.

.DESCRIPTION
    The PowerShell that `dotnet tool restore` installs (the "PowerShell" .NET tool package) ships its own assemblies
    (System.Management.Automation and the rest) as IL only, so every process JIT-compiles the engine's code as it first
    runs it: pwsh starts in about 0.5 s instead of 0.2 s, and an import or a first call pays for compiling PowerShell
    itself. The release packages (MSI, deb, rpm, tar.gz) ship them precompiled (ReadyToRun). This script copies $PSHOME
    to -Destination and compiles each IL-only assembly at its top level with crossgen2, fetched from NuGet
    (Microsoft.NETCore.App.Crossgen2.<rid>, the running runtime's version unless -Crossgen2Version says otherwise),
    against the running .NET runtime. Nothing outside -Destination changes.

    dotnet pwsh -NoProfile -File benchmarks/New-ReadyToRunPwsh.ps1 -Destination <dir>
    dotnet <dir>/pwsh.dll -NoProfile -File benchmarks/import-cost.ps1 ...   # the benchmark and its children in that pwsh

    -Include limits the compiled assemblies to those whose names match (wildcards); the rest are copied unchanged.
    Writes the path of the new pwsh.dll. Run on Linux x64 here; the Windows and macOS branches (crossgen2.exe, the
    osx target) follow the package's documented layout but were not run.
#>
#Requires -Version 7.0
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $Destination,
    [string[]] $Include = '*.dll',
    [string] $Crossgen2Version
)
$ErrorActionPreference = 'Stop'
$rid = '{0}-{1}' -f $(if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }), [Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
$targetOs = @{ win = 'windows'; osx = 'osx'; linux = 'linux' }[$rid.Split('-')[0]]
$framework = Split-Path ([object].Assembly.Location)
if (-not $Crossgen2Version) { $Crossgen2Version = [Environment]::Version.ToString(3) }

# crossgen2 comes as a NuGet package: a throwaway project downloads it into the global packages folder.
$fetch = Join-Path ([IO.Path]::GetTempPath()) ("crossgen2-fetch-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $fetch | Out-Null
try {
    @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Crossgen2.$rid" Version="[$Crossgen2Version]" /></ItemGroup>
</Project>
"@ | Set-Content (Join-Path $fetch 'fetch.csproj')
    $restore = & dotnet restore (Join-Path $fetch 'fetch.csproj') 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "Could not fetch Microsoft.NETCore.App.Crossgen2.$rid $Crossgen2Version from NuGet; give another 10.0.x with -Crossgen2Version.`n$($restore -join "`n")"
    }
}
finally { Remove-Item $fetch -Recurse -Force -ErrorAction SilentlyContinue }
$packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
$tools = Join-Path $packages "microsoft.netcore.app.crossgen2.$rid/$Crossgen2Version/tools"
$crossgen = Join-Path $tools $(if ($IsWindows) { 'crossgen2.exe' } else { 'crossgen2' })
if (-not (Test-Path $crossgen)) { throw "crossgen2 is not where the package should have put it: $crossgen" }

if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
Copy-Item $PSHOME $Destination -Recurse
$Destination = (Resolve-Path $Destination).Path

function Test-IlOnly([string] $path) {
    $stream = [IO.File]::OpenRead($path)
    try {
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        $cor = $pe.PEHeaders.CorHeader
        # Managed, and no ReadyToRun header yet.
        $null -ne $cor -and $cor.ManagedNativeHeaderDirectory.Size -eq 0
    }
    catch { $false }
    finally { $stream.Dispose() }
}

$compiled = 0
# The top level only: ref/ holds reference assemblies (compiling them gains nothing), runtimes/ other platforms' files.
foreach ($file in Get-ChildItem $PSHOME -Filter *.dll -File) {
    if (-not ($Include | Where-Object { $file.Name -like $_ })) { continue }
    if (-not (Test-IlOnly $file.FullName)) { continue }
    $output = & $crossgen -r "$framework/" -r "$PSHOME/" --targetos:$targetOs --targetarch:$($rid.Split('-')[1]) -O $file.FullName -o (Join-Path $Destination $file.Name) 2>&1
    # An assembly crossgen2 refuses stays as it was (IL): the copy still runs.
    if ($LASTEXITCODE -eq 0) { $compiled++ } else { Write-Warning "$($file.Name) left as IL: $($output | Select-Object -Last 1)" }
}
Write-Verbose "$compiled assemblies compiled with crossgen2 $Crossgen2Version ($rid)."
Join-Path $Destination 'pwsh.dll'
