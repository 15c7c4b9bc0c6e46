// The ali-oss side of bench/run: the official Node.js SDK (installed under
// tests/conformance/node_modules) doing the same work as ossutil against the same ossmock.
//   node ali_oss_bench.js multipart PORT BUCKET FILE KEY PART_SIZE PARALLEL
//   node ali_oss_bench.js puts      PORT BUCKET DIR PREFIX CONCURRENCY
// Prints one line of JSON: {"seconds": …, "objects": …}.
'use strict';
const path = require('path');
const fs = require('fs');
const OSS = require(path.join(__dirname, '..', 'tests', 'conformance', 'node_modules', 'ali-oss'));

function client(port, bucket) {
  return new OSS({
    accessKeyId: 'ossmock-ak',
    accessKeySecret: 'ossmock-sk',
    region: 'cn-hangzhou',
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    authorizationV4: true, // same signature version as ossutil's default
    secure: false,
    timeout: 600000,
  });
}

async function multipart(port, bucket, file, key, partSize, parallel) {
  const c = client(port, bucket);
  const start = process.hrtime.bigint();
  await c.multipartUpload(key, file, { partSize: Number(partSize), parallel: Number(parallel) });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, objects: 1 };
}

async function puts(port, bucket, dir, prefix, concurrency) {
  const c = client(port, bucket);
  const files = fs.readdirSync(dir).sort();
  let next = 0;
  const start = process.hrtime.bigint();
  async function worker() {
    while (next < files.length) {
      const name = files[next++];
      await c.put(`${prefix}${name}`, path.join(dir, name));
    }
  }
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, objects: files.length };
}

const [mode, ...args] = process.argv.slice(2);
const run = mode === 'multipart' ? multipart : mode === 'puts' ? puts : null;
if (!run) {
  console.error('usage: ali_oss_bench.js multipart|puts …');
  process.exit(1);
}
run(...args).then(
  (r) => console.log(JSON.stringify(r)),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
