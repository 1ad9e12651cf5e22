# Alibaba Cloud DTS, scenario 1 "Cross-account source database":
# account A (1000000000000001) owns the source RDS MySQL instance, account B (1000000000000002) owns the destination
# and creates the DTS task. A configures RAM authorization; the trust policy carries B's ID. Re-running changes nothing.
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-3 with A's root account: RAM role ram-for-dts, system policy AliyunDTSRolePolicy, trust policy naming B
# in both the RAM principal and the Service principal (1000000000000002@dts.aliyuncs.com).
Write-Host 'Steps 1-3, as A''s root (alibaba-a): RAM role ram-for-dts, trusted by B'
$role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a `
    -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName ram-for-dts
$role | Out-Host

# What the console would reject, from both sides (A's credentials read the role, B's the DTS authorization).
Write-Host 'The role checked from both sides: B (alibaba-b) and the role''s owner A (alibaba-a)'
$access = $role | Test-DtsCrossAccountAccess -ProfileName alibaba-b -OwnerProfileName alibaba-a -Region cn-hangzhou
$access | Out-Host
if (-not $access.Passed) { throw 'The access check failed; each failed check above names its remedy.' }

# "When you configure the DTS task" with B: the source is cross-account (owner A, role ram-for-dts).
Write-Host 'Summary: the sync task, created by B'
$role | New-DtsSyncTask -ProfileName alibaba-b -Region cn-hangzhou -Name orders-a-to-b `
    -SourceInstanceId rm-src0000001 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId rm-dst0000001 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Database shop -Wait -Confirm:$false
