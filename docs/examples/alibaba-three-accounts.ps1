# Alibaba Cloud DTS, scenario 3 "Cross-account source and destination databases":
# A (1000000000000001) owns the source, B (1000000000000002) the destination, and the designated account
# C (1000000000000003) creates the DTS task through its RAM user dts-operator. A and B each authorize C.
# Re-running changes nothing.
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# The roles trust C, so they get a name of their own: A's and B's ram-for-dts of the two-account scenarios trust each
# other, and one role's trust policy names one task account.
$roleName = 'ram-for-dts-via-c'

# Each owner, with its own root account, creates its role trusting C (the task account). (With -SourceAccountId,
# -DestinationAccountId and -TaskAccountId instead, New-DtsCrossAccountRole plans both roles of the scenario and warns
# about the one the caller's account cannot create.)
Write-Host 'Step 1, as A''s root (alibaba-a): the source role, trusted by C'
$sourceRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -RoleName $roleName `
    -AccountId 1000000000000001 -TrustedAccountId 1000000000000003
$sourceRole | Out-Host

Write-Host 'Step 2, as B''s root (alibaba-b): the destination role, trusted by C'
$destinationRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b -RoleName $roleName `
    -AccountId 1000000000000002 -TrustedAccountId 1000000000000003
$destinationRole | Out-Host

# C's root account lets its RAM user assume both roles (a custom policy per role).
Write-Host 'As C''s root (alibaba-c): let the RAM user dts-operator assume both roles'
$grants = $sourceRole, $destinationRole | Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RamUserName dts-operator
$grants | Out-Host

# As the RAM user: AssumeRole and the instance listing through each role; each role's owner reads the role itself.
Write-Host 'What the DTS console checks for the RAM user (alibaba-c-operator), through each role, and each role as its owner sees it'
$access = @(
    $sourceRole | Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c-operator -OwnerProfileName alibaba-a -Region cn-hangzhou
    $destinationRole | Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c-operator -OwnerProfileName alibaba-b -Region cn-hangzhou
)
$access | Out-Host
if ($access.Passed -contains $false) { throw 'An access check failed; each failed check above names its remedy.' }

Write-Host 'Summary: the sync task, created by C''s RAM user'
New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-c-operator -Region cn-hangzhou -Name orders-a-to-b-via-c `
    -SourceRole $sourceRole -DestinationRole $destinationRole `
    -SourceInstanceId rm-src0000001 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId rm-dst0000001 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Database shop, crm -Wait -Confirm:$false
