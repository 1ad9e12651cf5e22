using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// What ConfigureDtsJob needs to reach a database, per connection type (API reference ConfigureDtsJob, doc 208399,
    /// and the SDK model ConfigureDtsJobRequest): the ONE table of which cmdlet parameter each type requires and which it
    /// refuses, checked before any call. "…InstanceID" means a different thing per type (database instance, ECS instance,
    /// gateway, VPC); <see cref="WireInstanceId"/> resolves it.
    /// </summary>
    internal static class AlibabaEndpointReach
    {
        /// <summary>One parameter that says how a database is reached.</summary>
        internal sealed class Field
        {
            public Field(string suffix, string what, string example, Regex pattern, Func<DatabaseEndpointSpec, object> get)
            {
                Suffix = suffix; What = what; Example = example; Pattern = pattern; Get = get;
            }

            /// <summary>The cmdlet parameter without its side: -Source&lt;Suffix&gt; / -Destination&lt;Suffix&gt;.</summary>
            public string Suffix { get; }
            public string What { get; }
            public string Example { get; }
            public Regex Pattern { get; }
            public Func<DatabaseEndpointSpec, object> Get { get; }
            public bool IsGiven(DatabaseEndpointSpec s) => Get(s) != null;
        }

        private const string Octet = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

        internal static readonly Field InstanceId = new Field("InstanceId", "the database instance ID", "rm-bp1xxxxxxxx", null, s => s.InstanceId);
        internal static readonly Field IPAddress = new Field("IPAddress", "the IPv4 address of the database", "172.16.0.10",
            InputText.Whole(Octet + @"(?:\." + Octet + "){3}"), s => s.IPAddress);
        internal static readonly Field Port = new Field("Port", "the database port", "3306", null, s => s.Port);
        internal static readonly Field VpcId = new Field("VpcId", "the ID of the VPC connected to the database", "vpc-bp1xxxxxxxx", InputText.Whole("vpc-[a-z0-9]{1,60}"), s => s.VpcId);
        internal static readonly Field VSwitchId = new Field("VSwitchId", "the vSwitch DTS ships data through", "vsw-bp1xxxxxxxx", InputText.Whole("vsw-[a-z0-9]{1,60}"), s => s.VSwitchId);
        internal static readonly Field EcsInstanceId = new Field("EcsInstanceId", "the ID of the ECS instance the database runs on", "i-bp1xxxxxxxx", InputText.Whole("i-[a-z0-9]{1,60}"), s => s.EcsInstanceId);
        internal static readonly Field CenId = new Field("CenId", "the ID of the CEN instance", "cen-xxxxxxxx", InputText.Whole("cen-[a-z0-9]{1,60}"), s => s.CenId);
        internal static readonly Field GatewayId = new Field("GatewayId", "the ID of the database gateway", "dg-xxxxxxxx", InputText.Whole("dg-[a-z0-9]{1,60}"), s => s.GatewayId);
        internal static readonly Field OracleSid = new Field("OracleSid", "the SID of the Oracle database", "ORCL", InputText.Whole("[A-Za-z][A-Za-z0-9_$#]{0,63}"), s => s.OracleSid);

        private static readonly Field[] Reach = { InstanceId, IPAddress, Port, VpcId, VSwitchId, EcsInstanceId, CenId, GatewayId };

        /// <summary>The parameters each connection type requires (doc 208399: IP for EXPRESS/DG/CEN, port for every self-managed type).</summary>
        internal static IReadOnlyList<Field> Required(AlibabaConnectionType type)
        {
            switch (type)
            {
                case AlibabaConnectionType.ExpressConnect: return new[] { VpcId, IPAddress, Port };
                case AlibabaConnectionType.SelfManagedOnEcs: return new[] { EcsInstanceId, Port };
                case AlibabaConnectionType.Cen: return new[] { VpcId, CenId, IPAddress, Port };
                case AlibabaConnectionType.DatabaseGateway: return new[] { GatewayId, IPAddress, Port };
                default: return new[] { InstanceId };
            }
        }

        /// <summary>
        /// Parameters a type takes but does not require: SourceEndpointVSwitchID (the vSwitch used for shipping data)
        /// exists for the source only, and only a VPC-attached type (Express Connect, CEN) has one to choose.
        /// </summary>
        internal static IReadOnlyList<Field> Optional(AlibabaConnectionType type, bool source) =>
            source && (type == AlibabaConnectionType.ExpressConnect || type == AlibabaConnectionType.Cen) ? new[] { VSwitchId } : new Field[0];

        /// <summary>
        /// Every refusal about how the two sides are reached; runs before any call. A malformed value on either side is
        /// named first, whatever else is missing. Which parameters a side needs is checked once the caller is known
        /// (<paramref name="callerKnown"/>): the guide's support table, which may refuse the connection type itself
        /// for a side in another account, comes first.
        /// </summary>
        internal static void Validate(AlibabaSyncSpec.Side source, AlibabaSyncSpec.Side destination, bool callerKnown)
        {
            ValidateValues(source);
            ValidateValues(destination);
            if (!callerKnown) return;
            ValidateParameters(source);
            ValidateParameters(destination);
        }

        private static void ValidateValues(AlibabaSyncSpec.Side e)
        {
            var s = e.Spec;
            foreach (var f in Reach.Concat(new[] { OracleSid }).Where(f => f.Pattern != null && f.IsGiven(s)))
            {
                var value = (string)f.Get(s);
                if (!f.Pattern.IsMatch(value))
                {
                    throw AlibabaProvider.Invalid("InvalidEndpointParameter", e.Prefix + f.Suffix,
                        "-" + e.Prefix + f.Suffix + " '" + InputText.Show(value) + "' is not " + f.What + ": write it like " + f.Example + "." + InputText.WhatIsWrong(value, 64));
                }
            }
            if (s.Port.HasValue && (s.Port.Value < 1 || s.Port.Value > 65535))
                throw AlibabaProvider.Invalid("InvalidEndpointParameter", e.Prefix + "Port", "-" + e.Prefix + "Port " + s.Port.Value.ToString(CultureInfo.InvariantCulture) + " is not a port: use 1 to 65535.");
            if (s.InstanceId != null && e.Connection == AlibabaConnectionType.AlibabaCloudInstance)
                InputText.RequireAsciiToken(s.InstanceId, e.Prefix + "InstanceId", 64, "InvalidEndpointParameter", "rm-bp1xxxxxxxx");
        }

        private static void ValidateParameters(AlibabaSyncSpec.Side e)
        {
            var s = e.Spec;
            var required = Required(e.Connection);
            var optional = Optional(e.Connection, e.Prefix == "Source");
            string typeName = AlibabaSupportMatrix.Describe(e.Connection);

            // A database type with no Alibaba Cloud instance (Oracle, DB2) is always self-managed.
            if (e.Connection == AlibabaConnectionType.AlibabaCloudInstance && string.IsNullOrEmpty(e.Engine.CloudInstanceType))
            {
                throw AlibabaProvider.Invalid("SelfManagedDatabaseOnly", e.Prefix + "ConnectionType",
                    e.Engine.SeedName + " has no Alibaba Cloud instance: DTS reaches it as a self-managed database. Pass -" + e.Prefix + "ConnectionType "
                    + string.Join(" | ", (e.Engine.SourceConnections.Count > 0 ? e.Engine.SourceConnections : new[] { AlibabaConnectionType.ExpressConnect }).Select(c => c.ToString()))
                    + " with the parameters that type needs (" + Table() + ").");
            }

            var irrelevant = Reach.Where(f => f.IsGiven(s) && !required.Contains(f) && !optional.Contains(f)).ToList();
            if (irrelevant.Count > 0)
            {
                throw AlibabaProvider.Invalid("EndpointParameterNotApplicable", e.Prefix + irrelevant[0].Suffix,
                    string.Join(", ", irrelevant.Select(f => "-" + e.Prefix + f.Suffix)) + (irrelevant.Count == 1 ? " does" : " do")
                    + " not apply to a " + e.Label + " reached as '" + typeName + "' (-" + e.Prefix + "ConnectionType " + e.Connection + "). That type takes "
                    + Describe(e.Prefix, required, optional) + ".");
            }
            var missing = required.Where(f => !f.IsGiven(s)).ToList();
            if (missing.Count > 0)
            {
                throw AlibabaProvider.Invalid(missing[0] == InstanceId ? "InstanceIdRequired" : "EndpointParameterRequired", e.Prefix + missing[0].Suffix,
                    "A " + e.Label + " reached as '" + typeName + "' needs " + Describe(e.Prefix, required, optional) + "; missing: "
                    + string.Join(", ", missing.Select(f => "-" + e.Prefix + f.Suffix)) + ".");
            }

            // Oracle: SourceEndpointOracleSID is "valid and required only if the engine is ORACLE and not RAC" (doc 208399).
            bool oracle = e.Engine.ConfigureEngineName == "ORACLE";
            if (oracle && s.OracleSid == null)
            {
                throw AlibabaProvider.Invalid("EndpointParameterRequired", e.Prefix + "OracleSid",
                    "An Oracle " + e.Label + " needs its SID: pass -" + e.Prefix + "OracleSid, for example -" + e.Prefix + "OracleSid ORCL. (DTS takes the SID of a non-RAC Oracle database; an Oracle RAC database is not configured by this module.)");
            }
            if (!oracle && s.OracleSid != null)
                throw AlibabaProvider.Invalid("EndpointParameterNotApplicable", e.Prefix + "OracleSid", "-" + e.Prefix + "OracleSid applies to an Oracle " + e.Label + " only; the " + e.Label + " is " + e.Engine.SeedName + ".");

        }

        /// <summary>ConfigureDtsJob *EndpointInstanceID: the database instance, the ECS instance, the gateway, or the VPC (EXPRESS, CEN).</summary>
        internal static string WireInstanceId(AlibabaSyncSpec.Side e)
        {
            switch (e.Connection)
            {
                case AlibabaConnectionType.ExpressConnect:
                case AlibabaConnectionType.Cen: return e.Spec.VpcId;
                case AlibabaConnectionType.SelfManagedOnEcs: return e.Spec.EcsInstanceId;
                case AlibabaConnectionType.DatabaseGateway: return e.Spec.GatewayId;
                default: return e.Spec.InstanceId;
            }
        }

        /// <summary>How a side is reached, for plans and messages: "rm-… " or "10.0.0.5:1521 via vpc-… (Express Connect)".</summary>
        internal static string Where(AlibabaSyncSpec.Side e)
        {
            if (e.Connection == AlibabaConnectionType.AlibabaCloudInstance) return e.Spec.InstanceId;
            var address = (e.Spec.IPAddress ?? "") + ":" + (e.Spec.Port?.ToString(CultureInfo.InvariantCulture) ?? "");
            if (e.Connection == AlibabaConnectionType.SelfManagedOnEcs) address = "port " + e.Spec.Port?.ToString(CultureInfo.InvariantCulture) + " on";
            return address + " " + WireInstanceId(e) + (e.Connection == AlibabaConnectionType.Cen ? " via " + e.Spec.CenId : "");
        }

        private static string Describe(string prefix, IReadOnlyList<Field> required, IReadOnlyList<Field> optional) =>
            string.Join(", ", required.Select(f => "-" + prefix + f.Suffix + " (" + f.What + ")"))
            + (optional.Count > 0 ? " and optionally " + string.Join(", ", optional.Select(f => "-" + prefix + f.Suffix)) : "");

        /// <summary>The whole table in one line, for messages.</summary>
        internal static string Table() =>
            string.Join("; ", Enum.GetValues(typeof(AlibabaConnectionType)).Cast<AlibabaConnectionType>()
                .Select(t => t + ": " + string.Join(", ", Required(t).Select(f => f.Suffix))));
    }
}
