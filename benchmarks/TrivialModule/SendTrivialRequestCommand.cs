using System;
using System.Management.Automation;
using System.Net.Http;

namespace TrivialModule
{
    /// <summary>
    /// Sends N bodiless-JSON POSTs with a bare HttpClient from compiled code and writes the last status: the first-call
    /// floor of any binary module that talks HTTP (.NET's HTTP stack starting in a fresh process), with none of
    /// PowerShell's dynamic method binding that a script-level HttpClient call adds.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "TrivialRequest")]
    public sealed class SendTrivialRequestCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public Uri Uri { get; set; }

        [Parameter]
        public int Count { get; set; } = 3;

        protected override void ProcessRecord()
        {
            int status = 0;
            using (var client = new HttpClient())
            {
                for (int i = 0; i < Count; i++)
                {
                    using (var response = client.PostAsync(Uri, new StringContent("{}")).GetAwaiter().GetResult())
                    {
                        response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                        status = (int)response.StatusCode;
                    }
                }
            }
            WriteObject(status);
        }
    }
}
