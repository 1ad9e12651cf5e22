BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null
    $password = ConvertTo-SecureString 'Pester-Db-Passw0rd' -AsPlainText -Force
    $script:DbCredential = [pscredential]::new('dts_user', $password)

    # The task as the cloud stores it, read by name through the DTS APIs.
    function Get-TencentJob([string]$Name) {
        @((Invoke-TencentApi -ProfileName tencent-b -Service dts -Version '2021-12-06' -Action DescribeSyncJobs -Region ap-guangzhou -Body @{ JobName = $Name; Limit = 100 }).JobList |
                Where-Object JobName -EQ $Name)
    }
    function Get-AlibabaJob([string]$Name) {
        @((Invoke-AlibabaApi -ProfileName alibaba-b -Version '2020-01-01' -Action DescribeDtsJobs -Parameters @{ RegionId = 'cn-hangzhou'; JobType = 'SYNC'; PageSize = 100 }).DtsJobList |
                Where-Object DtsJobName -EQ $Name)
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'New-DtsSyncTask' {
    Context 'Surface' {
        It 'Should require <Parameter>' -TestCases @(
            @{ Parameter = 'Cloud' }, @{ Parameter = 'Name' }
        ) {
            @((Get-Command New-DtsSyncTask).ParameterSets).Count | Should -Be 1
            ((Get-Command New-DtsSyncTask).ParameterSets[0].Parameters | Where-Object Name -EQ $Parameter).IsMandatory | Should -BeTrue
        }

        # An Alibaba self-managed database is named by its VPC, ECS instance or gateway, so the instance IDs are not
        # mandatory at binding; a cloud instance without one is refused by the module with the parameter's name.
        It 'Should refuse a <Cloud> cloud-instance source without -SourceInstanceId, naming it' -TestCases @(
            @{ Cloud = 'Tencent'; Profile = 'tencent-b'; Region = 'ap-guangzhou'; Destination = 'cdb-dst00001' }
            @{ Cloud = 'Alibaba'; Profile = 'alibaba-b'; Region = 'cn-hangzhou'; Destination = 'rm-dst0000001' }
        ) {
            $db = [pscredential]::new('dts', [System.Net.NetworkCredential]::new('', 'Passw0rd!').SecurePassword)
            $e = Get-CommandError { New-DtsSyncTask -Cloud $Cloud -ProfileName $Profile -Region $Region -Name x -DestinationInstanceId $Destination -Database shop `
                    -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Confirm:$false }
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.Exception.Message | Should -Match '-SourceInstanceId'
        }

        It 'Should refuse an Alibaba ECS source without its port, naming what the type needs, before any DTS call' {
            $db = [pscredential]::new('dts', [System.Net.NetworkCredential]::new('', 'Passw0rd!').SecurePassword)
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name x -SourceConnectionType SelfManagedOnEcs `
                    -SourceEcsInstanceId i-bp1src01 -DestinationInstanceId rm-dst0000001 -Database shop -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -WhatIf }
            $e.FullyQualifiedErrorId | Should -Be 'EndpointParameterRequired,DtsCrossAccount.Cmdlets.NewDtsSyncTaskCommand'
            $e.Exception.Message | Should -Match '-SourcePort'
            @(Get-EmulatorCall -Since $since | Where-Object { $_.Action -ne 'GetCallerIdentity' }) | Should -Be @() -Because 'nothing but "who am I" may be called'
        }

        It 'Should take a role from the pipeline by value into -SourceRole' {
            $p = (Get-Command New-DtsSyncTask).ParameterSets[0].Parameters | Where-Object Name -EQ 'SourceRole'
            $p.ValueFromPipeline | Should -BeTrue
            $p.ParameterType | Should -Be ([DtsCrossAccount.CrossAccountRole])
        }

        It 'Should accept only Structure, FullData and Incremental for -Initialization' {
            (Get-Command New-DtsSyncTask).Parameters['Initialization'].Attributes.ValidValues | Sort-Object | Should -Be @('FullData', 'Incremental', 'Structure')
        }

        It 'Should declare SyncTask as its output type and ConfirmImpact High' {
            (Get-Command New-DtsSyncTask).OutputType.Type | Should -Be ([DtsCrossAccount.SyncTask])
            [DtsCrossAccount.Cmdlets.NewDtsSyncTaskCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }

        It 'Should refuse -NoStart with -Wait before any call' {
            $e = Get-CommandError { New-DtsSyncTask -Cloud Tencent -Name x -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 -Database shop -NoStart -Wait -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'NoStartWithWait,DtsCrossAccount.Cmdlets.NewDtsSyncTaskCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'PesterSync') -Confirm:$false
            $script:TaskName = New-UniqueName 'pester-sync-'
            $script:TencentTask = @{
                ProfileName = 'tencent-b'; Name = $TaskName; SourceInstanceId = 'cdb-src00001'; SourceRegion = 'ap-guangzhou'
                DestinationInstanceId = 'cdb-dst00001'; DestinationRegion = 'ap-guangzhou'; Database = 'shop'
                SourceDatabaseCredential = $DbCredential; DestinationDatabaseCredential = $DbCredential
            }
        }

        It 'Should buy nothing under -WhatIf' {
            Assert-NoWrite { $Role | New-DtsSyncTask @TencentTask -WhatIf -ErrorAction Stop }
            Get-TencentJob $TaskName | Should -Be @()
        }

        It 'Should create, verify and start the task from a piped role, as the cloud then shows it' {
            $since = Get-EmulatorCallCount
            $task = $Role | New-DtsSyncTask @TencentTask -Wait -TimeoutSeconds 60 -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Contain 'Tencent dts.CreateSyncJob'
            $task.Status | Should -Be 'Running'
            $task.Changed | Should -BeTrue
            $stored = Get-TencentJob $TaskName
            $stored.Count | Should -Be 1
            $stored[0].JobId | Should -Be $task.TaskId
            $stored[0].Status | Should -Be 'Running'
        }

        It 'Should resume by name on a re-run: the same task, nothing bought' {
            $since = Get-EmulatorCallCount
            $again = $Role | New-DtsSyncTask @TencentTask -Confirm:$false
            $again.TaskId | Should -Be (Get-TencentJob $TaskName)[0].JobId
            $again.Changed | Should -BeFalse
            Get-EmulatorWrite -Since $since | Should -Be @()
            (Get-TencentJob $TaskName).Count | Should -Be 1
        }

        It 'Should stop with the FAQ diagnosis when the role does not exist' {
            $roleName = New-UniqueName 'PesterNoRole'
            $e = Get-CommandError {
                New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Name (New-UniqueName 'pester-norole-') -SourceAccountId 100000000001 -SourceRoleName $roleName `
                    -SourceInstanceId cdb-src00001 -SourceRegion ap-guangzhou -DestinationInstanceId cdb-dst00001 -DestinationRegion ap-guangzhou -Database shop `
                    -SourceDatabaseCredential $DbCredential -DestinationDatabaseCredential $DbCredential -Confirm:$false
            }
            $e.FullyQualifiedErrorId | Should -BeLike '*,DtsCrossAccount.Cmdlets.NewDtsSyncTaskCommand'
            # Tencent DTS FAQ: "role not exist[InternalError.GetRoleError]" means a wrong peer account ID or role name.
            $e.Exception.Message | Should -Match "role not found: check the peer account ID '100000000001' and role name '$roleName'"
            $e.Exception.Message | Should -Match 'InternalError.GetRoleError'
        }

        It 'Should configure a <Engine> task with its database type and the sync options given, as the cloud then shows it' -TestCases @(
            @{ Engine = 'TDSQL'; Type = 'tdsqlmysql'; Source = 'tdsqlshard-src01'; Target = 'tdsqlshard-dst01'; Database = 'ledger' }
            @{ Engine = 'TDSQL-C'; Type = 'cynosdbmysql'; Source = 'cynosdbmysql-src01'; Target = 'cynosdbmysql-dst01'; Database = 'catalog' }
            @{ Engine = 'MariaDB'; Type = 'mariadb'; Source = 'tdsql-src00001'; Target = 'tdsql-dst00001'; Database = 'billing' }
        ) {
            $name = New-UniqueName "pester-$Type-"
            $task = $Role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name $name -SourceInstanceId $Source -SourceEngine $Engine `
                -DestinationInstanceId $Target -DestinationEngine $Engine -Database $Database -SourceDatabaseCredential $DbCredential `
                -DestinationDatabaseCredential $DbCredential -ConflictHandling Ignore -SyncOperation Insert, Update -NoStart -Confirm:$false
            $task.SourceEngine | Should -Be $Type
            $stored = (Get-TencentJob $name)[0]
            $stored.SrcDatabaseType | Should -Be $Type
            $stored.Options.ConflictHandleType | Should -Be 'Ignore'
            $stored.Options.OpTypes | Should -Be @('Insert', 'Update')
            $stored.PayMode | Should -Be 'PostPay'
        }

        It 'Should buy nothing and ask nothing for a subscription under -WhatIf' {
            Assert-NoWrite { $Role | New-DtsSyncTask @TencentTask -Name (New-UniqueName 'pester-prepaid-') -PayMode Subscription -Period 3 -WhatIf -ErrorAction Stop }
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll {
            $script:AliRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName (New-UniqueName 'pester-sync-') -Confirm:$false
            $script:AliTask = @{
                ProfileName = 'alibaba-b'; Region = 'cn-hangzhou'; SourceInstanceId = 'rm-src0000001'; DestinationInstanceId = 'rm-dst0000001'
                Database = 'shop'; SourceDatabaseCredential = $DbCredential; DestinationDatabaseCredential = $DbCredential
            }
        }

        It 'Should buy nothing under -WhatIf' {
            $name = New-UniqueName 'pester-ali-whatif-'
            Assert-NoWrite { $AliRole | New-DtsSyncTask @AliTask -Name $name -WhatIf -ErrorAction Stop }
            Get-AlibabaJob $name | Should -Be @()
        }

        It 'Should create and start the task from a piped role, as the cloud then shows it' {
            $name = New-UniqueName 'pester-ali-'
            $task = $AliRole | New-DtsSyncTask @AliTask -Name $name -Wait -TimeoutSeconds 60 -Confirm:$false
            $task.Status | Should -Be 'Synchronizing'
            $stored = Get-AlibabaJob $name
            $stored.Count | Should -Be 1
            $stored[0].Status | Should -Be 'Synchronizing'
            $stored[0].DtsJobId | Should -Be $task.TaskId
        }

        # Issue: -NoStart used to leave Checks empty and NotStarted while the help promised a verification. What -NoStart
        # does before stopping is being settled; here only: not started, and the result says what was done.
        It 'Should leave the task not started with -NoStart and say what it did' {
            $name = New-UniqueName 'pester-nostart-'
            $task = New-DtsSyncTask -Cloud Alibaba @AliTask -Name $name -SourceAccountId 1000000000000001 -SourceRoleName $AliRole.RoleName -NoStart -Confirm:$false
            $task.Changed | Should -BeTrue
            @($task.Changes).Count | Should -BeGreaterThan 0
            Start-Sleep -Seconds 1 # the emulator moves a started job on every 0.2 s: a started job would have moved
            $stored = Get-AlibabaJob $name
            $stored.Count | Should -Be 1
            $stored[0].Status | Should -BeIn @('NotStarted', 'PreCheckPass')
            $task.Status | Should -Be $stored[0].Status
        }

        It 'Should refuse the Tencent-only -<Parameter> for Alibaba before any call' -TestCases @(
            @{ Parameter = 'ConflictHandling'; Value = 'Ignore' }, @{ Parameter = 'PayMode'; Value = 'Subscription' }, @{ Parameter = 'SourceTdsqlConnection'; Value = 'Set' }
        ) {
            $extra = @{ $Parameter = $Value }
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Name x -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 -Database shop @extra -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -BeLike 'TencentOnlyParameter,*'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-EmulatorCallCount | Should -Be $since
        }

        It 'Should refuse a missing database credential before any call' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { $AliRole | New-DtsSyncTask -ProfileName alibaba-b -Region cn-hangzhou -Name (New-UniqueName 'pester-nocred-') -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 -Database shop -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -BeLike 'DatabaseCredential*,DtsCrossAccount.Cmdlets.NewDtsSyncTaskCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-EmulatorCall -Since $since).Count | Should -Be 0
        }
    }
}
