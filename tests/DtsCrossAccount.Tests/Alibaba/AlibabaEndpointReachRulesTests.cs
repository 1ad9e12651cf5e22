#nullable enable
using DtsCrossAccount.Services;
using static DtsCrossAccount.Tests.Alibaba.AlibabaSpecs;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// The parameters each Alibaba connection type needs and refuses, checked before any call: every type on each side
/// with exactly its parameters, each parameter it does not take, each one it lacks, malformed values, port bounds,
/// Oracle's SID and the database types that have no Alibaba Cloud instance. Expectations come from the table in
/// docs/alibaba-provider.md ("Connection types") and New-DtsSyncTask's help, restated once below. Below the engine,
/// with no call (<see cref="AlibabaSpecs"/>); the source is Tair/Redis in account A, whose row of the guide's source
/// table lists all five connection types, and the destination is the task account's own.
/// </summary>
public sealed class AlibabaEndpointReachRulesTests
{
    // ------------------------------------------------------------------ the documented table

    private static readonly string[] Types = { "AlibabaCloudInstance", "ExpressConnect", "SelfManagedOnEcs", "Cen", "DatabaseGateway" };

    /// <summary>The parameters each type requires, in the order the help names them.</summary>
    private static readonly Dictionary<string, string[]> Needs = new()
    {
        ["AlibabaCloudInstance"] = new[] { "InstanceId" },
        ["ExpressConnect"] = new[] { "VpcId", "IPAddress", "Port" },
        ["SelfManagedOnEcs"] = new[] { "EcsInstanceId", "Port" },
        ["Cen"] = new[] { "VpcId", "CenId", "IPAddress", "Port" },
        ["DatabaseGateway"] = new[] { "GatewayId", "IPAddress", "Port" },
    };

    /// <summary>The guide's wording of each type, as messages quote it.</summary>
    private static readonly Dictionary<string, string> Seed = new()
    {
        ["AlibabaCloudInstance"] = "Alibaba Cloud Instance",
        ["ExpressConnect"] = "Express Connect, VPN Gateway, or Smart Access Gateway",
        ["SelfManagedOnEcs"] = "Self-managed Database on ECS",
        ["Cen"] = "Cloud Enterprise Network (CEN)",
        ["DatabaseGateway"] = "Database Gateway",
    };

    private static readonly string[] ReachFields = { "InstanceId", "IPAddress", "Port", "VpcId", "VSwitchId", "EcsInstanceId", "CenId", "GatewayId" };

    /// <summary>What each parameter is, and how a valid one looks (the help's examples).</summary>
    private static readonly Dictionary<string, (string What, object Valid, string Example)> Fields = new()
    {
        ["InstanceId"] = ("the database instance ID", "rm-x0000001", "rm-bp1xxxxxxxx"),
        ["IPAddress"] = ("the IPv4 address of the database", "172.16.0.10", "172.16.0.10"),
        ["Port"] = ("the database port", 3306, "3306"),
        ["VpcId"] = ("the ID of the VPC connected to the database", "vpc-x0000001", "vpc-bp1xxxxxxxx"),
        ["VSwitchId"] = ("the vSwitch DTS ships data through", "vsw-x0000001", "vsw-bp1xxxxxxxx"),
        ["EcsInstanceId"] = ("the ID of the ECS instance the database runs on", "i-x0000001", "i-bp1xxxxxxxx"),
        ["CenId"] = ("the ID of the CEN instance", "cen-x0000001", "cen-xxxxxxxx"),
        ["GatewayId"] = ("the ID of the database gateway", "dg-x0000001", "dg-xxxxxxxx"),
        ["OracleSid"] = ("the SID of the Oracle database", "ORCL", "ORCL"),
    };

    /// <summary>-SourceVSwitchId, for the VPC-attached types only; the API has no DestinationEndpointVSwitchID.</summary>
    private static bool TakesVSwitch(string side, string type) => side == "Source" && (type == "ExpressConnect" || type == "Cen");

    private static IEnumerable<string> Takes(string side, string type) => TakesVSwitch(side, type) ? Needs[type].Append("VSwitchId") : Needs[type];

    /// <summary>"That type takes …": each required parameter with what it is, then the optional one.</summary>
    private static string Describe(string side, string type) =>
        string.Join(", ", Needs[type].Select(f => "-" + side + f + " (" + Fields[f].What + ")"))
        + (TakesVSwitch(side, type) ? " and optionally -SourceVSwitchId" : "");

    private static void Give(DatabaseEndpointSpec e, string field, object? value)
    {
        switch (field)
        {
            case "InstanceId": e.InstanceId = (string?)value; break;
            case "IPAddress": e.IPAddress = (string?)value; break;
            case "Port": e.Port = (int?)value; break;
            case "VpcId": e.VpcId = (string?)value; break;
            case "VSwitchId": e.VSwitchId = (string?)value; break;
            case "EcsInstanceId": e.EcsInstanceId = (string?)value; break;
            case "CenId": e.CenId = (string?)value; break;
            case "GatewayId": e.GatewayId = (string?)value; break;
            case "OracleSid": e.OracleSid = (string?)value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    private static DatabaseEndpointSpec SideOf(SyncTaskRequest r, string side) => side == "Source" ? r.Source : r.Destination;

    /// <summary>The request with <paramref name="side"/> reached as <paramref name="type"/> with valid values of <paramref name="fields"/> and no other.</summary>
    private static SyncTaskRequest Reached(string side, string type, IEnumerable<string> fields, Action<SyncTaskRequest>? change = null, string? caller = B) =>
        Request(r =>
        {
            r.Source.Engine = "Redis";
            var e = SideOf(r, side);
            Reach(e, type);
            foreach (var f in fields) Give(e, f, Fields[f].Valid);
            change?.Invoke(r);
        }, caller);

    // ------------------------------------------------------------------ accepted

    public static TheoryData<string, string> SidesAndTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var side in new[] { "Source", "Destination" })
            foreach (var type in Types) data.Add(side, type);
        return data;
    }

    [Theory]
    [MemberData(nameof(SidesAndTypes))]
    public void Each_connection_type_is_resolved_with_its_parameters_and_reached_by_the_ID_the_API_reference_names(string side, string type)
    {
        var t = Resolve(Reached(side, type, Takes(side, type)));

        var e = side == "Source" ? t.Source : t.Destination;
        Assert.Equal(type, e.Connection.ToString());
        // ConfigureDtsJob *EndpointInstanceID: the VPC for EXPRESS and CEN, the ECS instance, the gateway, or the instance.
        var reachedBy = type switch
        {
            "ExpressConnect" or "Cen" => "VpcId",
            "SelfManagedOnEcs" => "EcsInstanceId",
            "DatabaseGateway" => "GatewayId",
            _ => "InstanceId",
        };
        Assert.Equal(Fields[reachedBy].Valid, e.WireInstanceId);
    }

    [Theory]
    [InlineData("ExpressConnect")]
    [InlineData("Cen")]
    public void A_source_reached_through_a_VPC_needs_no_vSwitch(string type)
    {
        var t = Resolve(Reached("Source", type, Needs[type]));

        Assert.Null(t.Source.Spec.VSwitchId);
    }

    // ------------------------------------------------------------------ a parameter the type does not take

    public static TheoryData<string, string, string> NotTaken()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var side in new[] { "Source", "Destination" })
            foreach (var type in Types)
                foreach (var field in ReachFields.Except(Takes(side, type)))
                    data.Add(side, type, field);
        return data;
    }

    [Theory]
    [MemberData(nameof(NotTaken))]
    public void A_reach_parameter_the_connection_type_does_not_take_is_refused_with_what_the_type_takes(string side, string type, string field)
    {
        var e = Refused(Reached(side, type, Takes(side, type).Append(field)));

        Assert.Equal(("EndpointParameterNotApplicable", side + field), (e.ErrorId, e.Target));
        Assert.Equal("-" + side + field + " does not apply to a " + side.ToLowerInvariant() + " reached as '" + Seed[type] + "' (-" + side + "ConnectionType " + type + "). "
            + "That type takes " + Describe(side, type) + ".", e.Message);
    }

    [Fact]
    public void Several_parameters_the_type_does_not_take_are_all_named_the_first_as_the_target()
    {
        var e = Refused(Reached("Source", "SelfManagedOnEcs", Needs["SelfManagedOnEcs"].Concat(new[] { "InstanceId", "CenId" })));

        Assert.Equal(("EndpointParameterNotApplicable", "SourceInstanceId"), (e.ErrorId, e.Target));
        Assert.StartsWith("-SourceInstanceId, -SourceCenId do not apply to a source reached as 'Self-managed Database on ECS'", e.Message);
    }

    // ------------------------------------------------------------------ a parameter the type needs

    [Theory]
    [MemberData(nameof(SidesAndTypes))]
    public void A_connection_type_given_none_of_its_parameters_is_refused_naming_all_it_needs(string side, string type)
    {
        var e = Refused(Reached(side, type, Array.Empty<string>()));

        var first = Needs[type][0];
        Assert.Equal((first == "InstanceId" ? "InstanceIdRequired" : "EndpointParameterRequired", side + first), (e.ErrorId, e.Target));
        Assert.Equal("A " + side.ToLowerInvariant() + " reached as '" + Seed[type] + "' needs " + Describe(side, type) + "; missing: "
            + string.Join(", ", Needs[type].Select(f => "-" + side + f)) + ".", e.Message);
    }

    public static TheoryData<string, string, string> EachNeeded()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var side in new[] { "Source", "Destination" })
            foreach (var type in Types.Skip(1))
                foreach (var field in Needs[type])
                    data.Add(side, type, field);
        return data;
    }

    [Theory]
    [MemberData(nameof(EachNeeded))]
    public void Each_parameter_a_self_managed_type_needs_is_refused_when_it_alone_is_missing(string side, string type, string missing)
    {
        var e = Refused(Reached(side, type, Takes(side, type).Where(f => f != missing)));

        Assert.Equal(("EndpointParameterRequired", side + missing), (e.ErrorId, e.Target));
        Assert.EndsWith("; missing: -" + side + missing + ".", e.Message);
    }

    [Fact]
    public void Before_the_caller_is_known_missing_and_misplaced_reach_parameters_are_not_yet_refused()
    {
        // Which parameters a side needs waits for "who am I": the guide's table may refuse the connection type itself.
        var t = Resolve(Reached("Source", "SelfManagedOnEcs", new[] { "EcsInstanceId", "IPAddress" }, caller: null));

        Assert.Equal("i-x0000001", t.Source.WireInstanceId);
    }

    // ------------------------------------------------------------------ values

    public static TheoryData<string, string, string, string, string> Malformed => new()
    {
        // side, parameter, value, as the message shows it, what the message adds
        { "Source", "IPAddress", "10.0.0.256", "10.0.0.256", "" },
        { "Destination", "IPAddress", "172.16.0.1\n", "172.16.0.1\\n", " It contains a line break, tab or other invisible character." },
        { "Source", "VpcId", "vpc_a0000001", "vpc_a0000001", "" },
        { "Source", "VSwitchId", "vsw-A0000001", "vsw-A0000001", "" },
        { "Destination", "EcsInstanceId", "\u0456-a0000001", "\\u0456-a0000001", " It contains a non-ASCII character (a lookalike letter or digit, for example)." },
        { "Source", "CenId", "cen-", "cen-", "" },
        { "Destination", "GatewayId", "gw-a0000001", "gw-a0000001", "" },
        { "Source", "OracleSid", "1ORCL", "1ORCL", "" },
        { "Destination", "OracleSid", "OR CL", "OR CL", "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_value_is_refused_with_what_the_parameter_is_and_how_it_is_written(string side, string field, string value, string shown, string added)
    {
        // Given to an Alibaba Cloud instance, which does not take it: the form is checked first.
        var e = Refused(Reached(side, "AlibabaCloudInstance", new[] { "InstanceId" }, r => Give(SideOf(r, side), field, value)));

        Assert.Equal(("InvalidEndpointParameter", side + field), (e.ErrorId, e.Target));
        Assert.Equal("-" + side + field + " '" + shown + "' is not " + Fields[field].What + ": write it like " + Fields[field].Example + "." + added, e.Message);
    }

    [Fact]
    public void A_malformed_value_on_either_side_is_named_before_anything_missing_even_before_the_caller_is_known()
    {
        foreach (var caller in new[] { B, null })
        {
            // The source lacks its port; the destination's address is malformed.
            var e = Refused(Reached("Source", "SelfManagedOnEcs", new[] { "EcsInstanceId" }, r =>
            {
                Reach(r.Destination, "ExpressConnect", vpc: "vpc-d0000001", ip: "10.0.0.300", port: 3306);
            }, caller));

            Assert.Equal(("InvalidEndpointParameter", "DestinationIPAddress"), (e.ErrorId, e.Target));
        }
    }

    [Theory]
    [InlineData("Source", 0)]
    [InlineData("Source", -1)]
    [InlineData("Destination", 65536)]
    public void A_port_outside_1_to_65535_is_refused(string side, int port)
    {
        var type = side == "Source" ? "SelfManagedOnEcs" : "DatabaseGateway";
        var e = Refused(Reached(side, type, Needs[type], r => SideOf(r, side).Port = port));

        Assert.Equal(("InvalidEndpointParameter", side + "Port"), (e.ErrorId, e.Target));
        Assert.Equal("-" + side + "Port " + port + " is not a port: use 1 to 65535.", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void The_first_and_last_port_are_ports(int port)
    {
        var t = Resolve(Reached("Source", "SelfManagedOnEcs", Needs["SelfManagedOnEcs"], r => r.Source.Port = port));

        Assert.Equal(port, t.Source.Spec.Port);
    }

    [Theory]
    [InlineData(" rm-src0000001", " rm-src0000001")]
    [InlineData("rm-src0000001\n", "rm-src0000001\\n")]
    public void A_malformed_instance_ID_of_an_Alibaba_Cloud_instance_is_refused(string value, string shown)
    {
        var e = Refused(Request(r => r.Destination.InstanceId = value));

        Assert.Equal("InvalidEndpointParameter", e.ErrorId);
        Assert.StartsWith("-DestinationInstanceId '" + shown + "' is not valid: use 1 to 64 ASCII characters with no line break or spaces at the ends, for example rm-bp1xxxxxxxx.", e.Message);
    }

    [Fact]
    public void An_instance_ID_of_65_characters_is_refused_and_one_of_64_is_taken()
    {
        var e = Refused(Request(r => r.Source.InstanceId = "rm-" + new string('a', 62)));
        Assert.Equal("InvalidEndpointParameter", e.ErrorId);
        Assert.Contains("-SourceInstanceId", e.Message);

        Assert.Equal(64, Resolve(Request(r => r.Source.InstanceId = "rm-" + new string('a', 61))).Source.WireInstanceId.Length);
    }

    [Fact]
    public void An_instance_ID_given_to_a_self_managed_type_is_refused_as_not_applicable_whatever_its_form()
    {
        var e = Refused(Reached("Source", "ExpressConnect", Needs["ExpressConnect"], r => r.Source.InstanceId = " rm-src0000001"));

        Assert.Equal(("EndpointParameterNotApplicable", "SourceInstanceId"), (e.ErrorId, e.Target));
    }

    // ------------------------------------------------------------------ per engine

    /// <summary>The whole table as the refusal of a cloud instance quotes it, from <see cref="Needs"/>.</summary>
    private static string Table => string.Join("; ", Types.Select(t => t + ": " + string.Join(", ", Needs[t])));

    [Theory]
    [InlineData("Source", "Oracle", "Oracle", "ExpressConnect")]
    [InlineData("Source", "DB2LUW", "DB2 for LUW", "ExpressConnect | SelfManagedOnEcs")]
    [InlineData("Destination", "DB2iSeries", "DB2 for iSeries (AS/400)", "ExpressConnect")]
    public void A_database_type_with_no_Alibaba_Cloud_instance_is_refused_as_one_with_the_ways_to_reach_it(string side, string engine, string named, string ways)
    {
        // In the task account: the guide's source table would refuse a cloud instance of another account first.
        var e = Refused(Request(r => { r.Source.AccountId = null; SideOf(r, side).Engine = engine; }));

        Assert.Equal(("SelfManagedDatabaseOnly", side + "ConnectionType"), (e.ErrorId, e.Target));
        Assert.Equal(named + " has no Alibaba Cloud instance: DTS reaches it as a self-managed database. Pass -" + side + "ConnectionType " + ways
            + " with the parameters that type needs (" + Table + ").", e.Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void An_Oracle_database_needs_its_SID(string side)
    {
        var e = Refused(Reached(side, "ExpressConnect", Needs["ExpressConnect"], r => SideOf(r, side).Engine = "Oracle"));

        Assert.Equal(("EndpointParameterRequired", side + "OracleSid"), (e.ErrorId, e.Target));
        var label = side.ToLowerInvariant();
        Assert.StartsWith("An Oracle " + label + " needs its SID: pass -" + side + "OracleSid, for example -" + side + "OracleSid ORCL.", e.Message);
    }

    [Fact]
    public void An_Oracle_source_in_another_account_is_reached_over_Express_Connect_with_its_SID()
    {
        var t = Resolve(Reached("Source", "ExpressConnect", Needs["ExpressConnect"].Append("OracleSid"), r => r.Source.Engine = "Oracle"));

        Assert.Equal(("Oracle", "ORCL", "vpc-x0000001"), (t.Source.Engine.Key, t.Source.Spec.OracleSid, t.Source.WireInstanceId));
    }

    [Theory]
    [InlineData("Source", "Tair/Redis")]
    [InlineData("Destination", "MySQL")]
    public void A_SID_is_refused_for_a_database_that_is_not_Oracle(string side, string named)
    {
        var e = Refused(Reached(side, "AlibabaCloudInstance", new[] { "InstanceId" }, r => SideOf(r, side).OracleSid = "ORCL"));

        var label = side.ToLowerInvariant();
        Assert.Equal(("EndpointParameterNotApplicable", side + "OracleSid"), (e.ErrorId, e.Target));
        Assert.Equal("-" + side + "OracleSid applies to an Oracle " + label + " only; the " + label + " is " + named + ".", e.Message);
    }
}
