// Runs @aehrc/sdc-populate's SDC $populate on the Parameters read from stdin, resolving what it
// needs from the FHIR server given as the first argument, and prints its answer (Parameters or
// OperationOutcome) as JSON. The integration tests compare it with Rapport's $populate.
import { populate } from '@aehrc/sdc-populate';

const base = process.argv[2].replace(/\/?$/, '/');
let input = '';
for await (const chunk of process.stdin) input += chunk;

const fetchResource = async (query) => {
  const url = /^https?:\/\//.test(query) ? query : base + query;
  const response = await fetch(url, { headers: { Accept: 'application/fhir+json', 'Cache-Control': 'no-cache' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
};

const output = await populate(JSON.parse(input), fetchResource, { sourceServerUrl: base });
process.stdout.write(JSON.stringify(output));
