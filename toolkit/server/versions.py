"""The exact server parts `netforensics db install` assembles from Maven Central (verified 2026-11-23).

- Neo4j 5.26.31: newest 5.26 LTS patch on Central (5.26.32+ are not published there); runs on Java 17.
- GDS 2.13.9: newest 2.13 (the line for Neo4j 5.26; 2.14+ needs 2025.x and Java 21).
- APOC core 5.26.5: newest 5.26 APOC on Central; loads and runs on 5.26.31.
- Browser 5.24.0: newest `org.neo4j.client:neo4j-browser` on Central; served at /browser.
"""

NEO4J_VERSION = "5.26.31"
GDS_VERSION = "2.13.9"
APOC_VERSION = "5.26.5"
BROWSER_VERSION = "5.24.0"

# Groups whose jars must sit in plugins/ (procedures are only loaded from there).
PLUGIN_GROUPS = ("org.neo4j.gds", "org.neo4j.procedure")


def fingerprint() -> dict[str, str]:
    return {"neo4j": NEO4J_VERSION, "gds": GDS_VERSION, "apoc": APOC_VERSION, "browser": BROWSER_VERSION}
