/**
 * @module cluster/pki
 * The embedded cluster's certificate authority and serving certificate, generated on first start and
 * kept in `<data-dir>/pki`. Keys come from Node's native generator (fast); node-forge writes the X.509.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface Pki {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

function newKeyPair(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

function serial(): string {
  // Positive serial: clear the top bit.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function certificate(args: {
  subjectCN: string;
  publicPem: string;
  signerKeyPem: string;
  issuer?: forge.pki.Certificate;
  isCa: boolean;
  altNames?: { type: number; value?: string; ip?: string }[];
  years: number;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(args.publicPem);
  cert.serialNumber = serial();
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + args.years * 365 * 24 * 3600 * 1000);
  const subject = [{ name: 'commonName', value: args.subjectCN }];
  cert.setSubject(subject);
  cert.setIssuer(args.issuer ? args.issuer.subject.attributes : subject);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: args.isCa, critical: true },
    args.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
  ];
  if (!args.isCa) extensions.push({ name: 'extKeyUsage', serverAuth: true });
  if (args.altNames) extensions.push({ name: 'subjectAltName', altNames: args.altNames });
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(args.signerKeyPem), forge.md.sha256.create());
  return cert;
}

/** Loads the PKI from `dir`, creating it on first use. `hosts` become the serving certificate's SANs. */
export function ensurePki(dir: string, hosts: string[]): Pki {
  const paths = { ca: join(dir, 'ca.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
  if (existsSync(paths.ca) && existsSync(paths.cert) && existsSync(paths.key)) {
    return {
      caCert: readFileSync(paths.ca, 'utf8'),
      serverCert: readFileSync(paths.cert, 'utf8'),
      serverKey: readFileSync(paths.key, 'utf8'),
    };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caKeys = newKeyPair();
  const ca = certificate({
    subjectCN: 'sphere-ca',
    publicPem: caKeys.publicPem,
    signerKeyPem: caKeys.privatePem,
    isCa: true,
    years: 10,
  });
  const serverKeys = newKeyPair();
  const altNames = [
    { type: 2, value: 'localhost' },
    { type: 2, value: 'kubernetes' },
    { type: 2, value: 'kubernetes.default' },
    { type: 2, value: 'kubernetes.default.svc' },
    ...[...new Set(['127.0.0.1', ...hosts])].map((h) =>
      /^[\d.]+$|:/.test(h) ? { type: 7, ip: h } : { type: 2, value: h },
    ),
  ];
  const server = certificate({
    subjectCN: 'sphere-apiserver',
    publicPem: serverKeys.publicPem,
    signerKeyPem: caKeys.privatePem,
    issuer: ca,
    isCa: false,
    altNames,
    years: 5,
  });
  const pki = {
    caCert: forge.pki.certificateToPem(ca),
    serverCert: forge.pki.certificateToPem(server),
    serverKey: serverKeys.privatePem,
  };
  writeFileSync(join(dir, 'ca.key'), caKeys.privatePem, { mode: 0o600 });
  writeFileSync(paths.ca, pki.caCert);
  writeFileSync(paths.cert, pki.serverCert);
  writeFileSync(paths.key, pki.serverKey, { mode: 0o600 });
  return pki;
}
