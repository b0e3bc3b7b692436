// Run by node-fetch-tls.test.ts in a process of its own (NODE_EXTRA_CA_CERTS is read at start-up):
// one POST through the node transport to the URL given; prints the status and body as JSON.
import { nodeFetch } from '../../../src/providers/node-fetch.js';

const res = await nodeFetch()(process.argv[2] ?? '', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"q":"über"}' });
process.stdout.write(JSON.stringify({ status: res.status, body: await res.json() }));
