'use strict';
// Conformance: the official Node.js OSS SDK (ali-oss 6.23.0) as an independent client against a
// real ossmock process. Every case runs under V4 and V1 signing and under both addressing styles
// ali-oss can use against a local server (IP endpoint + virtual-hosted Host; localhost + path).
// Each case logs one JSON line: {"case", "signing", "addressing", "ok", "ms"[, "error"]}.
//
// OSSMOCK_BIN names the ossmock binary (CTest sets it).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const OSS = require('ali-oss');

const AK = 'ossmock-ak';
const SK = 'ossmock-sk';
const REGION = 'oss-cn-hangzhou';

const ossmockBin = process.env.OSSMOCK_BIN;
if (!ossmockBin) throw new Error('set OSSMOCK_BIN to the ossmock binary');

// The KMS setup every suite runs with: the named CMKs the cases use, a user without grants, a key
// of another region and one pending deletion.
const READER_AK = 'reader-ak';
const READER_SK = 'reader-sk';
const CONFIG = {
  region: 'cn-hangzhou',
  users: [
    { name: 'admin', access_key_id: AK, access_key_secret: SK },
    { name: 'reader', access_key_id: READER_AK, access_key_secret: READER_SK },
  ],
  kms: {
    enabled: true,
    keys: [
      { id: 'key-app-0001', alias: 'alias/app', region: 'cn-hangzhou', state: 'Enabled', grants: ['admin'] },
      { id: 'key-bucket', grants: ['admin'] },
      { id: 'key-shared', grants: ['admin', 'reader'] },
      { id: 'key-shanghai', region: 'cn-shanghai', grants: ['admin'] },
      { id: 'key-pending', state: 'PendingDeletion', grants: ['admin'] },
    ],
  },
};

async function startMock(config = CONFIG) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ossmock-conformance-'));
  const portFile = path.join(dir, 'port');
  const log = fs.openSync(path.join(dir, 'ossmock.log'), 'a');
  const configFile = path.join(dir, 'ossmock.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(ossmockBin, ['--data-dir', path.join(dir, 'data'), '--listen', '127.0.0.1:0',
    '--port-file', portFile, '--config', configFile], { stdio: ['ignore', 'ignore', log] });
  for (let i = 0; i < 400; i++) {
    if (fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim()) break;
    if (child.exitCode !== null) throw new Error(`ossmock exited: ${fs.readFileSync(path.join(dir, 'ossmock.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const port = Number(fs.readFileSync(portFile, 'utf8').trim());
  return {
    port, dir, child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const modes = [
  { signing: 'v4', addressing: 'virtual-host', v4: true, sld: false },
  { signing: 'v4', addressing: 'path', v4: true, sld: true },
  { signing: 'v1', addressing: 'virtual-host', v4: false, sld: false },
  { signing: 'v1', addressing: 'path', v4: false, sld: true },
];

function makeClient(mock, mode, bucket, overrides = {}) {
  return new OSS({
    accessKeyId: AK,
    accessKeySecret: SK,
    region: REGION,
    bucket,
    endpoint: mode.sld ? `http://localhost:${mock.port}` : `http://127.0.0.1:${mock.port}`,
    sldEnable: mode.sld,
    authorizationV4: mode.v4,
    secure: false,
    timeout: 20000,
    ...overrides,
  });
}

let bucketCounter = 0;
function bucketName(mode) {
  bucketCounter += 1;
  return `conf-${mode.signing}-${mode.sld ? 'path' : 'vh'}-${bucketCounter}`;
}

// Wraps a case so that it logs exactly one JSON line with its outcome.
function conformanceCase(name, mode, fn) {
  it(name, async () => {
    const started = Date.now();
    try {
      await fn();
      console.log(JSON.stringify({ case: name, signing: mode.signing, addressing: mode.addressing, ok: true, ms: Date.now() - started }));
    } catch (err) {
      console.log(JSON.stringify({ case: name, signing: mode.signing, addressing: mode.addressing, ok: false, ms: Date.now() - started, error: String(err && (err.code || err.message) || err) }));
      throw err;
    }
  });
}

// A plain HTTP request without any signature (anonymous), path style or virtual-hosted
// (`<bucket>.localhost`), to the mock.
function anonymousGet(mock, mode, bucket, key) {
  const options = mode.sld
    ? { host: '127.0.0.1', port: mock.port, path: `/${bucket}/${encodeURIComponent(key)}` }
    : { host: '127.0.0.1', port: mock.port, path: `/${encodeURIComponent(key)}`, headers: { Host: `${bucket}.localhost:${mock.port}` } };
  return new Promise((resolve, reject) => {
    const req = http.request({ ...options, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

// The admin API (loopback, no signature).
async function admin(mock, method, urlPath) {
  const res = await fetch(`http://127.0.0.1:${mock.port}/-/${urlPath}`, { method });
  return { status: res.status, json: await res.json() };
}

async function expectOssError(promise, status, code) {
  try {
    await promise;
  } catch (err) {
    assert.equal(err.status, status, `status of ${err.code}: ${err.message}`);
    assert.equal(err.code, code);
    return err;
  }
  assert.fail(`expected ${status} ${code}, got success`);
}

for (const mode of modes) {
  describe(`ali-oss ${mode.signing} ${mode.addressing}`, () => {
    let mock;
    let bucket;
    let client;

    before(async () => {
      mock = await startMock();
      bucket = bucketName(mode);
      client = makeClient(mock, mode, bucket);
      const res = await client.putBucket(bucket);
      assert.equal(res.bucket, bucket); // read from the Location header
    });
    after(async () => { await mock.stop(); });

    conformanceCase('put/head/get with SSE-OSS (AES256)', mode, async () => {
      const put = await client.put('sse/aes.txt', Buffer.from('hello'), {
        headers: { 'x-oss-server-side-encryption': 'AES256' },
      });
      assert.equal(put.res.status, 200);
      assert.equal(put.res.headers['x-oss-server-side-encryption'], 'AES256');
      assert.equal(put.res.headers['x-oss-hash-crc64ecma'], '11177612005948864433');
      assert.equal(put.res.headers.etag, '"5D41402ABC4B2A76B9719D911017C592"');
      const head = await client.head('sse/aes.txt');
      assert.equal(head.res.headers['x-oss-server-side-encryption'], 'AES256');
      assert.equal(head.res.headers['x-oss-server-side-encryption-key-id'], undefined);
      const get = await client.get('sse/aes.txt');
      assert.equal(get.content.toString(), 'hello');
      assert.equal(get.res.headers['x-oss-server-side-encryption'], 'AES256');
    });

    conformanceCase('put with KMS and the default CMK echoes a stable key id', mode, async () => {
      const a = await client.put('sse/kms-a', Buffer.from('a'), { headers: { 'x-oss-server-side-encryption': 'KMS' } });
      const b = await client.put('sse/kms-b', Buffer.from('b'), { headers: { 'x-oss-server-side-encryption': 'KMS' } });
      const keyId = a.res.headers['x-oss-server-side-encryption-key-id'];
      assert.ok(keyId && keyId.length > 0);
      assert.equal(b.res.headers['x-oss-server-side-encryption-key-id'], keyId);
      const head = await client.head('sse/kms-a');
      assert.equal(head.res.headers['x-oss-server-side-encryption'], 'KMS');
      assert.equal(head.res.headers['x-oss-server-side-encryption-key-id'], keyId);
      assert.equal(head.res.headers['x-oss-server-side-data-encryption'], undefined);
    });

    conformanceCase('put with KMS + SM4 data encryption and a named CMK', mode, async () => {
      await client.put('dir/a b+c.txt', Buffer.from('hello'), {
        headers: {
          'x-oss-server-side-encryption': 'KMS',
          'x-oss-server-side-data-encryption': 'SM4',
          'x-oss-server-side-encryption-key-id': 'key-app-0001',
        },
      });
      const head = await client.head('dir/a b+c.txt');
      assert.equal(head.res.headers['x-oss-server-side-encryption'], 'KMS');
      assert.equal(head.res.headers['x-oss-server-side-data-encryption'], 'SM4');
      assert.equal(head.res.headers['x-oss-server-side-encryption-key-id'], 'key-app-0001');
      assert.equal(head.res.headers['x-oss-hash-crc64ecma'], '11177612005948864433');
    });

    conformanceCase('put with SM4', mode, async () => {
      await client.put('sse/sm4', Buffer.from('sm4 data'), { headers: { 'x-oss-server-side-encryption': 'SM4' } });
      const get = await client.get('sse/sm4');
      assert.equal(get.content.toString(), 'sm4 data');
      assert.equal(get.res.headers['x-oss-server-side-encryption'], 'SM4');
      assert.equal(get.res.headers['x-oss-server-side-encryption-key-id'], undefined);
    });

    conformanceCase('invalid algorithm is InvalidEncryptionAlgorithmError', mode, async () => {
      const err = await expectOssError(client.put('sse/bad', Buffer.from('x'), {
        headers: { 'x-oss-server-side-encryption': 'DES' },
      }), 400, 'InvalidEncryptionAlgorithmError');
      assert.equal(err.ecCode, '0005-00000003');
    });

    conformanceCase('bucket encryption put/get/delete and the 404', mode, async () => {
      await client.putBucketEncryption(bucket, { SSEAlgorithm: 'AES256' });
      const got = await client.getBucketEncryption(bucket);
      assert.deepEqual(got.encryption, { SSEAlgorithm: 'AES256' });
      await client.put('default/after-rule', Buffer.from('x'));
      const head = await client.head('default/after-rule');
      assert.equal(head.res.headers['x-oss-server-side-encryption'], 'AES256');
      const del = await client.deleteBucketEncryption(bucket);
      assert.equal(del.status, 204);
      const err = await expectOssError(client.getBucketEncryption(bucket), 404, 'NoSuchServerSideEncryptionRule');
      assert.equal(err.ecCode, '0005-00000004');
      const stillEncrypted = await client.head('default/after-rule');
      assert.equal(stillEncrypted.res.headers['x-oss-server-side-encryption'], 'AES256');
    });

    conformanceCase('bucket default KMS applies; object header overrides it', mode, async () => {
      await client.putBucketEncryption(bucket, { SSEAlgorithm: 'KMS', KMSMasterKeyID: 'key-bucket' });
      const got = await client.getBucketEncryption(bucket);
      assert.deepEqual(got.encryption, { SSEAlgorithm: 'KMS', KMSMasterKeyID: 'key-bucket' });
      await client.put('default/kms', Buffer.from('x'));
      await client.put('default/override', Buffer.from('x'), { headers: { 'x-oss-server-side-encryption': 'AES256' } });
      const kms = await client.head('default/kms');
      assert.equal(kms.res.headers['x-oss-server-side-encryption'], 'KMS');
      assert.equal(kms.res.headers['x-oss-server-side-encryption-key-id'], 'key-bucket');
      const override = await client.head('default/override');
      assert.equal(override.res.headers['x-oss-server-side-encryption'], 'AES256');
      await client.deleteBucketEncryption(bucket);
    });

    conformanceCase('copy re-encrypts in place', mode, async () => {
      await client.put('copy/src.txt', Buffer.from('copy me'));
      const plain = await client.head('copy/src.txt');
      assert.equal(plain.res.headers['x-oss-server-side-encryption'], undefined);
      const copied = await client.copy('copy/src.txt', 'copy/src.txt', {
        headers: { 'x-oss-server-side-encryption': 'KMS' },
      });
      assert.equal(copied.res.status, 200);
      const head = await client.head('copy/src.txt');
      assert.equal(head.res.headers['x-oss-server-side-encryption'], 'KMS');
      assert.equal((await client.get('copy/src.txt')).content.toString(), 'copy me');
    });

    conformanceCase('copy to a new key does not inherit the source encryption', mode, async () => {
      await client.put('copy/enc.txt', Buffer.from('secret'), { headers: { 'x-oss-server-side-encryption': 'SM4' } });
      await client.copy('copy/dir/plain copy.txt', 'copy/enc.txt');
      const head = await client.head('copy/dir/plain copy.txt');
      assert.equal(head.res.headers['x-oss-server-side-encryption'], undefined);
      assert.equal((await client.get('copy/dir/plain copy.txt')).content.toString(), 'secret');
    });

    conformanceCase('range get of an encrypted object', mode, async () => {
      const body = Buffer.alloc(200000);
      for (let i = 0; i < body.length; i++) body[i] = (i * 13) & 0xff;
      await client.put('range/big.bin', body, { headers: { 'x-oss-server-side-encryption': 'AES256' } });
      const part = await client.get('range/big.bin', { headers: { Range: 'bytes=65530-131080' } });
      assert.equal(part.res.status, 206);
      assert.ok(part.content.equals(body.subarray(65530, 131081)));
      assert.equal(part.res.headers['content-range'], 'bytes 65530-131080/200000');
    });

    conformanceCase('hard keys round-trip: space, +, unicode, //', mode, async () => {
      for (const key of ['a b.txt', 'x+y.txt', '杭州・中国/是 空格 yeah +-&*#(1).txt', 'p//q.txt', 'a<b&c>d +']) {
        await client.put(key, Buffer.from(`content of ${key}`));
        const got = await client.get(key);
        assert.equal(got.content.toString(), `content of ${key}`, key);
      }
      const listed = await client.listV2({ prefix: 'p//' });
      assert.deepEqual(listed.objects.map((o) => o.name), ['p//q.txt']);
    });

    conformanceCase('multipartUpload with KMS: parts encrypted, Complete echoes SSE', mode, async () => {
      const body = Buffer.alloc(350 * 1024);
      for (let i = 0; i < body.length; i++) body[i] = (i * 7 + 3) & 0xff;
      const file = path.join(mock.dir, `mpu-${mode.signing}-${mode.addressing}.bin`);
      fs.writeFileSync(file, body);
      const result = await client.multipartUpload('mpu/kms.bin', file, {
        partSize: 100 * 1024,
        parallel: 2,
        headers: { 'x-oss-server-side-encryption': 'KMS' },
      });
      assert.equal(result.res.status, 200);
      assert.equal(result.res.headers['x-oss-server-side-encryption'], 'KMS');
      const keyId = result.res.headers['x-oss-server-side-encryption-key-id'];
      assert.ok(keyId && keyId.length > 0);
      assert.match(result.res.headers.etag, /^"[0-9A-F]{32}-4"$/);
      const head = await client.head('mpu/kms.bin');
      assert.equal(head.res.headers['x-oss-server-side-encryption'], 'KMS');
      assert.equal(head.res.headers['x-oss-server-side-encryption-key-id'], keyId);
      assert.equal(head.res.headers['x-oss-object-type'], 'Multipart');
      assert.equal(head.res.headers['content-length'], String(body.length));
      assert.equal(head.res.headers['x-oss-hash-crc64ecma'], result.res.headers['x-oss-hash-crc64ecma']);
      const got = await client.get('mpu/kms.bin');
      assert.ok(got.content.equals(body));
      // A range across the boundary of parts 1 and 2 decrypts only what it touches.
      const part = await client.get('mpu/kms.bin', { headers: { Range: 'bytes=102000-103000' } });
      assert.equal(part.res.status, 206);
      assert.ok(part.content.equals(body.subarray(102000, 103001)));
      const state = await admin(mock, 'GET', `objects/${bucket}/mpu/kms.bin`);
      assert.equal(state.status, 200);
      assert.equal(state.json.sse.algorithm, 'KMS');
      assert.equal(state.json.parts.length, 4);
      assert.equal(state.json.storage.cipher, 'AES-256-GCM');
      assert.equal(JSON.stringify(state.json).includes('envelope'), false);
    });

    conformanceCase('multipart errors: EntityTooSmall, InvalidPart, NoSuchUpload; list uploads and parts', mode, async () => {
      const init = await client.initMultipartUpload('mpu/small', { headers: { 'x-oss-server-side-encryption': 'SM4' } });
      assert.equal(init.res.headers['x-oss-server-side-encryption'], 'SM4');
      const small = path.join(mock.dir, `small-${mode.signing}-${mode.addressing}.txt`);
      fs.writeFileSync(small, 'onetwo');
      const p1 = await client.uploadPart('mpu/small', init.uploadId, 1, small, 0, 3);
      const p2 = await client.uploadPart('mpu/small', init.uploadId, 2, small, 3, 6);
      assert.equal(p1.res.headers['x-oss-server-side-encryption'], 'SM4');
      assert.equal(p1.etag, '"F97C5D29941BFB1B2FDAB0874906AB82"');
      const uploads = await client.listUploads({ prefix: 'mpu/' });
      assert.ok(uploads.uploads.some((u) => u.uploadId === init.uploadId && u.name === 'mpu/small'));
      const parts = await client.listParts('mpu/small', init.uploadId);
      assert.deepEqual(parts.parts.map((p) => [p.PartNumber, p.Size]), [['1', '3'], ['2', '3']]);
      await expectOssError(client.completeMultipartUpload('mpu/small', init.uploadId,
        [{ number: 1, etag: p1.etag }, { number: 2, etag: p2.etag }]), 400, 'EntityTooSmall');
      await expectOssError(client.completeMultipartUpload('mpu/small', init.uploadId,
        [{ number: 1, etag: p2.etag }]), 400, 'InvalidPart');
      const done = await client.completeMultipartUpload('mpu/small', init.uploadId, [{ number: 1, etag: p1.etag }]);
      assert.equal(done.res.headers['x-oss-server-side-encryption'], 'SM4');
      assert.equal((await client.get('mpu/small')).content.toString(), 'one');
      await expectOssError(client.abortMultipartUpload('mpu/small', init.uploadId), 404, 'NoSuchUpload');
    });

    conformanceCase('anonymous read: SSE-OSS works, SSE-KMS is forbidden by kms (public-read bucket)', mode, async () => {
      await client.put('anon/aes.txt', Buffer.from('public aes'), { headers: { 'x-oss-server-side-encryption': 'AES256' } });
      await client.put('anon/kms.txt', Buffer.from('public kms'), { headers: { 'x-oss-server-side-encryption': 'KMS' } });
      await client.putBucketACL(bucket, 'public-read');
      try {
        const aes = await anonymousGet(mock, mode, bucket, 'anon/aes.txt');
        assert.equal(aes.status, 200);
        assert.equal(aes.body, 'public aes');
        assert.equal(aes.headers['x-oss-server-side-encryption'], 'AES256');
        const kms = await anonymousGet(mock, mode, bucket, 'anon/kms.txt');
        assert.equal(kms.status, 403);
        assert.match(kms.body, /<Code>AccessDenied<\/Code>/);
        assert.match(kms.body, /<Message>This request is forbidden by kms\.<\/Message>/);
        assert.equal(kms.body.includes('public kms'), false);
      } finally {
        await client.putBucketACL(bucket, 'private');
      }
    });

    conformanceCase('named CMK from --config: grants, unknown id, other region, pending deletion', mode, async () => {
      const reader = makeClient(mock, mode, bucket, { accessKeyId: READER_AK, accessKeySecret: READER_SK });
      const named = { headers: { 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': 'key-app-0001' } };
      const put = await client.put('cmk/app.txt', Buffer.from('app data'), named);
      assert.equal(put.res.headers['x-oss-server-side-encryption-key-id'], 'key-app-0001');
      let err = await expectOssError(reader.put('cmk/by-reader.txt', Buffer.from('x'), named), 403, 'AccessDenied');
      assert.equal(err.message.includes('This request is forbidden by kms.'), true);
      err = await expectOssError(reader.get('cmk/app.txt'), 403, 'AccessDenied');
      assert.equal(err.message.includes('This request is forbidden by kms.'), true);
      // The default CMK and a CMK granted to both users work for the reader.
      await client.put('cmk/default.txt', Buffer.from('default'), { headers: { 'x-oss-server-side-encryption': 'KMS' } });
      assert.equal((await reader.get('cmk/default.txt')).content.toString(), 'default');
      await reader.put('cmk/shared.txt', Buffer.from('shared'), { headers: { 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': 'key-shared' } });
      assert.equal((await client.get('cmk/shared.txt')).content.toString(), 'shared');
      for (const id of ['no-such-key', 'key-shanghai']) {
        err = await expectOssError(client.put('cmk/bad.txt', Buffer.from('x'), {
          headers: { 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': id },
        }), 400, 'InvalidArgument');
        assert.equal(err.ecCode, '0005-00000208');
      }
      err = await expectOssError(client.put('cmk/bad.txt', Buffer.from('x'), {
        headers: { 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': 'key-pending' },
      }), 409, 'Forbidden.KeyNotEnabled');
      assert.equal(err.ecCode, '0005-00000214');
      // A bucket rule naming an unknown CMK is accepted; uploads under it are refused.
      await client.putBucketEncryption(bucket, { SSEAlgorithm: 'KMS', KMSMasterKeyID: 'no-such-key' });
      try {
        err = await expectOssError(client.put('cmk/under-rule.txt', Buffer.from('x')), 400, 'InvalidArgument');
        assert.equal(err.ecCode, '0005-00000208');
      } finally {
        await client.deleteBucketEncryption(bucket);
      }
    });

    conformanceCase('a CMK disabled through the admin API refuses uploads and downloads until enabled', mode, async () => {
      const headers = { 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': 'key-shared' };
      await client.put('cmk/toggle.txt', Buffer.from('toggle'), { headers });
      const disabled = await admin(mock, 'POST', 'kms/keys/key-shared/disable');
      assert.equal(disabled.status, 200);
      assert.equal(disabled.json.state, 'Disabled');
      try {
        let err = await expectOssError(client.get('cmk/toggle.txt'), 409, 'Forbidden.KeyNotEnabled');
        assert.equal(err.ecCode, '0005-00000214');
        err = await expectOssError(client.put('cmk/toggle2.txt', Buffer.from('x'), { headers }), 409, 'Forbidden.KeyNotEnabled');
        const keys = await admin(mock, 'GET', 'kms/keys');
        const shared = keys.json.keys.find((k) => k.id === 'key-shared');
        assert.deepEqual(shared.grants, ['admin', 'reader']);
        assert.equal(shared.state, 'Disabled');
        assert.equal(JSON.stringify(keys.json).includes('material'), false);
      } finally {
        const enabled = await admin(mock, 'POST', 'kms/keys/key-shared/enable');
        assert.equal(enabled.json.state, 'Enabled');
      }
      assert.equal((await client.get('cmk/toggle.txt')).content.toString(), 'toggle');
    });

    conformanceCase('kms.enabled:false refuses every SSE-KMS use with KmsServiceNotEnabled', mode, async () => {
      const off = await startMock({ kms: { enabled: false } });
      try {
        const c = makeClient(off, mode, bucket);
        await c.putBucket(bucket);
        const err = await expectOssError(c.put('k', Buffer.from('x'), { headers: { 'x-oss-server-side-encryption': 'KMS' } }), 403, 'KmsServiceNotEnabled');
        assert.equal(err.ecCode, '0005-00000218');
        const aes = await c.put('aes', Buffer.from('x'), { headers: { 'x-oss-server-side-encryption': 'AES256' } });
        assert.equal(aes.res.headers['x-oss-server-side-encryption'], 'AES256');
        await c.putBucketEncryption(bucket, { SSEAlgorithm: 'KMS' });
        await expectOssError(c.put('under-rule', Buffer.from('x')), 403, 'KmsServiceNotEnabled');
        await expectOssError(c.initMultipartUpload('mpu', { headers: { 'x-oss-server-side-encryption': 'KMS' } }), 403, 'KmsServiceNotEnabled');
      } finally {
        await off.stop();
      }
    });

    conformanceCase('head errors: 404 NoSuchKey, and a 403 decoded from x-oss-err', mode, async () => {
      // ali-oss maps a body-less 404 to NoSuchKey itself, and decodes x-oss-err for other statuses.
      await expectOssError(client.head('no/such/key'), 404, 'NoSuchKey');
      const bad = makeClient(mock, mode, bucket, { accessKeySecret: 'wrong-secret' });
      const err = await expectOssError(bad.head('sse/aes.txt'), 403, 'SignatureDoesNotMatch');
      assert.equal(err.ecCode, mode.v4 ? '0002-00000201' : '0002-00000040');
    });

    conformanceCase('bad signature is SignatureDoesNotMatch', mode, async () => {
      const bad = makeClient(mock, mode, bucket, { accessKeySecret: 'wrong-secret' });
      const err = await expectOssError(bad.get('sse/aes.txt'), 403, 'SignatureDoesNotMatch');
      assert.equal(err.ecCode, mode.v4 ? '0002-00000201' : '0002-00000040');
    });

    conformanceCase('unknown access key is InvalidAccessKeyId', mode, async () => {
      const bad = makeClient(mock, mode, bucket, { accessKeyId: 'nobody' });
      await expectOssError(bad.get('sse/aes.txt'), 403, 'InvalidAccessKeyId');
    });
  });
}
