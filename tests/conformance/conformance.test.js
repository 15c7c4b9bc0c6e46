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
const OSS = require('ali-oss');

const AK = 'ossmock-ak';
const SK = 'ossmock-sk';
const REGION = 'oss-cn-hangzhou';

const ossmockBin = process.env.OSSMOCK_BIN;
if (!ossmockBin) throw new Error('set OSSMOCK_BIN to the ossmock binary');

async function startMock() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ossmock-conformance-'));
  const portFile = path.join(dir, 'port');
  const log = fs.openSync(path.join(dir, 'ossmock.log'), 'a');
  const child = spawn(ossmockBin, ['--data-dir', path.join(dir, 'data'), '--listen', '127.0.0.1:0',
    '--port-file', portFile], { stdio: ['ignore', 'ignore', log] });
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
