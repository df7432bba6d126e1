// The JSONPath subset used by generic source mappings.
import { describe, expect, it } from "vitest";
import { pathError, selectAll, selectFirst } from "@/server/alerts/json-path";

const doc = {
  rule: { name: "Odd login" },
  "kibana.alert.rule.name": "Flattened",
  entities: [{ address: "192.0.2.1" }, { address: "192.0.2.2" }, { other: 1 }],
  tags: { a: "x", b: "y" },
  list: [["n1", "n2"]],
};

describe("json-path", () => {
  it("reads dotted, indexed, wildcard and quoted paths", () => {
    expect(selectAll(doc, "$.rule.name")).toEqual(["Odd login"]);
    expect(selectAll(doc, "rule.name")).toEqual(["Odd login"]);
    expect(selectAll(doc, "$['kibana.alert.rule.name']")).toEqual(["Flattened"]);
    expect(selectAll(doc, '$["kibana.alert.rule.name"]')).toEqual(["Flattened"]);
    expect(selectAll(doc, "$.entities[*].address")).toEqual(["192.0.2.1", "192.0.2.2"]);
    expect(selectAll(doc, "$.entities[1].address")).toEqual(["192.0.2.2"]);
    expect(selectAll(doc, "entities.0.address")).toEqual(["192.0.2.1"]);
    expect(selectAll(doc, "$.tags.*")).toEqual(["x", "y"]);
    expect(selectAll(doc, "$.list[0]")).toEqual(["n1", "n2"]);
    expect(selectFirst(doc, ["$.missing", "$.entities[*].address"])).toBe("192.0.2.1");
  });

  it("never walks into the prototype", () => {
    expect(selectAll({}, "$.constructor.name")).toEqual([]);
    expect(selectAll(JSON.parse('{"__proto__": {"x": 1}}'), "$.__proto__.x")).toEqual([1]); // an own key, read as data
    expect(selectAll([], "$.length")).toEqual([]);
  });

  it("explains a malformed path", () => {
    expect(pathError("$.a[")).toMatch(/cannot read "\[" in path "\$\.a\["/);
    expect(pathError("$")).toMatch(/selects nothing/);
    expect(pathError("$.a['b.c'][*]")).toBeNull();
  });
});
