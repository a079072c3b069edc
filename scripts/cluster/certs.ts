// Certificates for a loopback-only control plane: a CA, the API server's serving
// certificate, an admin client certificate (system:masters) and the service-account
// signing key. openssl does the work: Node's crypto cannot issue X.509 certificates.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface CertPaths {
    caCert: string;
    caKey: string;
    serverCert: string;
    serverKey: string;
    adminCert: string;
    adminKey: string;
    saKey: string;
    saPub: string;
}

function openssl(args: string[], cwd: string): void {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function issue(dir: string, name: string, subject: string, ext: string): void {
    fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
    openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`,
        "-out", `${name}.csr`, "-subj", subject], dir);
    openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "30", "-sha256", "-out", `${name}.crt`,
        "-extfile", `${name}.ext`], dir);
}

/** Writes a fresh set of certificates into `dir` (created if missing) and returns their paths. */
export function makeCerts(dir: string): CertPaths {
    fs.mkdirSync(dir, { recursive: true });
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "30", "-subj", "/CN=canary-delivery-local-ca"], dir);
    issue(dir, "server", "/CN=kube-apiserver",
        "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n" +
        "extendedKeyUsage=serverAuth\n" +
        "subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default," +
        "DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.0.0.1\n");
    issue(dir, "admin", "/O=system:masters/CN=canary-admin",
        "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n" +
        "extendedKeyUsage=clientAuth\n");
    openssl(["genrsa", "-out", "sa.key", "2048"], dir);
    openssl(["rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
    const p = (f: string) => path.join(dir, f);
    return {
        caCert: p("ca.crt"), caKey: p("ca.key"),
        serverCert: p("server.crt"), serverKey: p("server.key"),
        adminCert: p("admin.crt"), adminKey: p("admin.key"),
        saKey: p("sa.key"), saPub: p("sa.pub"),
    };
}
