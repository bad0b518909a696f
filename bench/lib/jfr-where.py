#!/usr/bin/env python3
"""Where a service's CPU went, from a JFR recording: each execution sample is put in the category of its innermost
frame that matches one (the rules below, first match wins per frame), grouped by thread kind.

Usage: bench/lib/jfr-where.py RECORDING.jfr   (needs the JDK's `jfr` on the PATH)
"""
import collections
import re
import subprocess
import sys

CATEGORIES = [
    ("HTTP Basic: Elytron's digest check", ("org.wildfly.security", "ElytronPasswordIdentityProvider",
                                              "sun.security.provider.SHA5", "sun.security.provider.DigestBase")),
    ("bearer: JWT parse and signature (jose4j, RSA)", ("org.jose4j", "sun.security.rsa", "java.math.BigInteger",
                                                       "java.math.MutableBigInteger", "io.quarkus.oidc")),
    ("verified-credential caches", ("io.exchangebridge.foundation.security.Verified",
                                    "io.exchangebridge.foundation.security.ExpiringMap")),
    ("security plumbing (authenticators, identity, roles)", ("io.quarkus.vertx.http.runtime.security",
                                                             "io.quarkus.security", "io.exchangebridge.foundation.security")),
    ("JSON write (Jackson)", ("MessageBodyWriter", "com.fasterxml.jackson.databind.ser", "com.fasterxml.jackson.core.json.UTF8JsonGenerator")),
    ("JSON read (Jackson)", ("MessageBodyReader", "com.fasterxml.jackson.databind.deser", "com.fasterxml.jackson.core.json.UTF8StreamJsonParser")),
    ("metrics (Micrometer)", ("io.micrometer", "io.quarkus.micrometer")),
    ("the hand-out (token cache, audit count)", ("io.exchangebridge.credential",)),
    ("foundation filters", ("io.exchangebridge.foundation",)),
    ("Quarkus REST", ("org.jboss.resteasy.reactive", "io.quarkus.resteasy.reactive")),
    ("CDI and context propagation", ("io.quarkus.arc", "io.smallrye.context", "io.smallrye.mutiny")),
    ("Vert.x and Netty (HTTP/1.1, routing, sockets)", ("io.vertx", "io.netty", "io.quarkus.vertx")),
]


def category(frames):
    for frame in frames:
        for name, patterns in CATEGORIES:
            if any(p in frame for p in patterns):
                return name
    return "JDK and other"


def thread_kind(name):
    if "eventloop" in name:
        return "event loop"
    if name.startswith("executor-thread"):
        return "worker"
    return "other threads (JIT, GC, scheduler, startup)"


def main(path):
    text = subprocess.run(["jfr", "print", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                          check=True, capture_output=True, text=True).stdout
    counts = collections.Counter()
    kinds = collections.Counter()
    total = 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        match = re.search(r'sampledThread = "([^"]*)"', event)
        kind = thread_kind(match.group(1) if match else "")
        kinds[kind] += 1
        total += 1
        if kind == "other threads (JIT, GC, scheduler, startup)":
            continue
        counts[category(re.findall(r"^\s+([\w$.<>/]+)\(", event, re.M))] += 1
    print(f"{total} samples: " + ", ".join(f"{k} {v * 100 / total:.0f} %" for k, v in kinds.most_common()))
    served = sum(counts.values())
    print(f"\n| share of request-thread samples ({served}) | where |\n|---|---|")
    for name, n in counts.most_common():
        print(f"| {n * 100 / served:.1f} % | {name} |")


if __name__ == "__main__":
    main(sys.argv[1])
