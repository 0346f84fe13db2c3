"""The GraSS style sheet for Neo4j Browser (``:style``, or drop the ``.grass`` file on Browser).

Browser's GraSS selects by label only (``node.CoreOperator``); later rules win, so role labels come after
``Account`` and the kind labels of networks (``VpnNetwork``, ...; set by the loader) after ``Network``.
"""

from __future__ import annotations

# selector -> properties, in the order Browser applies them
RULES: list[tuple[str, dict[str, str]]] = [
    ("node", {"diameter": "40px", "color": "#A5ABB6", "border-color": "#9AA1AC", "border-width": "2px",
              "text-color-internal": "#FFFFFF", "font-size": "10px"}),
    ("relationship", {"color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px", "padding": "3px",
                      "text-color-external": "#000000", "text-color-internal": "#FFFFFF", "caption": "<type>"}),
    ("node.Account", {"color": "#C9CED6", "border-color": "#9AA1AC", "text-color-internal": "#333333",
                      "diameter": "45px", "caption": "{screen_name}"}),
    ("node.Amplifier", {"color": "#F79767", "border-color": "#F36924", "text-color-internal": "#FFFFFF", "diameter": "45px"}),
    ("node.CoreOperator", {"color": "#D62728", "border-color": "#9B1C1C", "text-color-internal": "#FFFFFF", "diameter": "65px"}),
    ("node.Tweet", {"color": "#68BDF6", "border-color": "#5CA8DB", "text-color-internal": "#FFFFFF", "diameter": "30px", "caption": "{id}"}),
    ("node.IP", {"color": "#6DCE9E", "border-color": "#60B58B", "text-color-internal": "#FFFFFF", "diameter": "35px", "caption": "{address}"}),
    ("node.Network", {"color": "#8E44AD", "border-color": "#6C3483", "text-color-internal": "#FFFFFF", "diameter": "55px",
                      "caption": "{kind} {country} {cidr}"}),
    ("node.VpnNetwork", {"color": "#B03A2E", "border-color": "#78281F"}),
    ("node.HostingNetwork", {"color": "#CA6F1E", "border-color": "#935116"}),
    ("node.MobileNetwork", {"color": "#2E86C1", "border-color": "#1B4F72"}),
    ("node.CampusNetwork", {"color": "#17A589", "border-color": "#0E6655"}),
    ("node.ResidentialNetwork", {"color": "#A569BD", "border-color": "#6C3483"}),
    ("node.Community", {"color": "#FFD86E", "border-color": "#EDBA39", "text-color-internal": "#604A0E", "diameter": "80px",
                        "caption": "#{id} {verdict}"}),
    ("node.DetectionRun", {"color": "#4C8EDA", "border-color": "#2870C2", "text-color-internal": "#FFFFFF", "caption": "{id}"}),
    ("node.Dataset", {"color": "#57C7E3", "border-color": "#23B3D7", "text-color-internal": "#2A2C34", "caption": "{name}"}),
    ("node.Hashtag", {"color": "#ECB5C9", "border-color": "#DA7298", "text-color-internal": "#2A2C34", "diameter": "30px", "caption": "#{name}"}),
    ("node.Url", {"color": "#DA7194", "border-color": "#CC3C6C", "text-color-internal": "#FFFFFF", "diameter": "30px", "caption": "{url}"}),
    ("node.Domain", {"color": "#569480", "border-color": "#447666", "text-color-internal": "#FFFFFF", "caption": "{name}"}),
    ("relationship.RETWEETED", {"color": "#F36924", "shaft-width": "3px", "caption": "{count}"}),
    ("relationship.RETWEETS", {"color": "#F79767", "shaft-width": "2px"}),
    ("relationship.MEMBER_OF", {"color": "#EDBA39", "caption": "{role}"}),
    ("relationship.USED_IP", {"color": "#60B58B", "caption": "{count}"}),
    ("relationship.IN_NETWORK", {"color": "#6C3483"}),
    ("relationship.CONTINUES", {"color": "#2870C2", "shaft-width": "3px", "caption": "{kind}"}),
]


def grass(rules: list[tuple[str, dict[str, str]]] | None = None) -> str:
    """The style sheet as text, in the format Browser's ``:style`` shows and reads (captions single-quoted)."""
    out = []
    for selector, props in rules or RULES:
        lines = [f"  {key}: {chr(39) + value + chr(39) if key == 'caption' else value};" for key, value in props.items()]
        out.append(selector + " {\n" + "\n".join(lines) + "\n}\n")
    return "\n".join(out)
