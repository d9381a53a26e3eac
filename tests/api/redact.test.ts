import { redact } from "../../provider/api/redact";

describe("redact", () => {
  test("replaces every occurrence of a secret, raw and URL-encoded", () => {
    const secret = "ghp_a/b+c";
    expect(redact(`sent ${secret} and ${encodeURIComponent(secret)} and ${secret}`, [secret])).toBe(
      "sent [secret] and [secret] and [secret]",
    );
  });

  test("a secret of 4 characters is scrubbed; shorter ones and blanks are left alone, so messages stay readable", () => {
    expect(redact("token abcd refused", ["abcd"])).toBe("token [secret] refused");
    expect(redact("token abc refused", ["abc"])).toBe("token abc refused");
    expect(redact("token refused", ["", undefined])).toBe("token refused");
  });
});
