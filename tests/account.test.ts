/** The account identity that keys the journal: the same account however it is reached or spelled. */
import { accountIdentity } from "../provider/dist/client/account.js";

test("both CallFire dialects and any spelling of the base URL are one account", () => {
  const of = (baseUrl: string) => accountIdentity({ baseUrl, username: "alice" });
  const callfire = of("https://www.callfire.com/api/1.1/rest");
  expect(of("https://api.callfire.com/v2")).toBe(callfire);
  expect(of("https://WWW.CallFire.com/api/1.1/rest/")).toBe(callfire);
  expect(accountIdentity({ baseUrl: "https://api.callfire.com/v2", username: "bob" })).not.toBe(callfire);
});

test("a sandbox is identified by its origin, whichever dialect's path is given", () => {
  const of = (baseUrl: string) => accountIdentity({ baseUrl, username: "sandbox" });
  expect(of("http://127.0.0.1:8089/v2")).toBe(of("http://127.0.0.1:8089/api/1.1/rest/"));
  expect(of("http://127.0.0.1:8089/v2")).not.toBe(of("http://127.0.0.1:8090/v2"));
});
