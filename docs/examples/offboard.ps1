<#
.SYNOPSIS
    Offboard: removes everything quickstart.ps1 made, in every account, so that quickstart.ps1 runs again from scratch.

.DESCRIPTION
    Runs unchanged in the offline sandbox (dotnet run --project src/DtsCrossAccount.Sandbox -- docs/examples/offboard.ps1)
    and in pwsh after ./build.ps1 -Task Emulator. Each account is named by its credential profile, as in quickstart.ps1.

    In the reverse order of quickstart.ps1: first the two sync tasks (they are released: the purchases end), then the
    Tencent sub-account's grant in account B, then the roles in the source owners' accounts (A on each cloud). Each
    command undoes only what its New-/Grant- counterpart made, and finding a thing already gone is not an error, so a
    second run changes nothing (Changed = False).

    Each step's result is shown as it happens; the script's output is what was removed.
#>
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

# ---- The sync tasks: released by the account that owns them (B's root on each cloud) ---------------------------
# -Force: offboarding releases a task even while it still replicates (without it, Remove-DtsSyncTask refuses a task
# that has not caught up); -Confirm:$false because ConfirmImpact is High and a script does not prompt.
Write-Host 'Tencent Cloud, as B''s root (tencent-b): stop and release the sync task quickstart-orders'
$tencentTask = Remove-DtsSyncTask -Cloud Tencent -Name quickstart-orders -Region ap-guangzhou -ProfileName tencent-b -Force -Confirm:$false
$tencentTask | Out-Host

Write-Host 'Alibaba Cloud, as B''s root (alibaba-b): release the sync task quickstart-orders'
$alibabaTask = Remove-DtsSyncTask -Cloud Alibaba -Name quickstart-orders -Region cn-hangzhou -ProfileName alibaba-b -Force -Confirm:$false
$alibabaTask | Out-Host

# ---- The grant: B's sub-account may no longer assume A's role ---------------------------------------------------
Write-Host 'Tencent Cloud, as B''s root (tencent-b): revoke the sub-account''s grant on A''s role DTS-role'
$tencentGrant = Revoke-DtsSubAccountAssumeRole -Cloud Tencent -SubAccountUin 100000000021 -RoleAccountId 100000000001 -RoleName DTS-role `
    -ProfileName tencent-b -Confirm:$false
$tencentGrant | Out-Host

# ---- The roles: each deleted by the account that owns it (A's root) --------------------------------------------
Write-Host 'Tencent Cloud, as A''s root (tencent-a): detach QcloudDTSReadOnlyAccess and delete the CAM role DTS-role'
$tencentRole = Remove-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -RoleName DTS-role -ProfileName tencent-a -Confirm:$false
$tencentRole | Out-Host

Write-Host 'Alibaba Cloud, as A''s root (alibaba-a): detach AliyunDTSRolePolicy and delete the RAM role ram-for-dts'
$alibabaRole = Remove-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -RoleName ram-for-dts -ProfileName alibaba-a -Confirm:$false
$alibabaRole | Out-Host

# ---- Summary: the script's output ------------------------------------------------------------------------------
Write-Host 'Summary: what was removed (Changed = False: it was already gone)'
[pscustomobject]@{ Cloud = 'Tencent'; Removed = 'sync task'; Name = 'quickstart-orders'; Changed = $tencentTask.Changed }
[pscustomobject]@{ Cloud = 'Alibaba'; Removed = 'sync task'; Name = 'quickstart-orders'; Changed = $alibabaTask.Changed }
[pscustomobject]@{ Cloud = 'Tencent'; Removed = 'grant'; Name = $tencentGrant.PolicyName; Changed = $tencentGrant.Changed }
[pscustomobject]@{ Cloud = 'Tencent'; Removed = 'role'; Name = $tencentRole.RoleName; Changed = $tencentRole.Changed }
[pscustomobject]@{ Cloud = 'Alibaba'; Removed = 'role'; Name = $alibabaRole.RoleName; Changed = $alibabaRole.Changed }
