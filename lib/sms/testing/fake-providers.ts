import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeCall = { action: string; params: Record<string, unknown> };
/** What the fake answers to one call: the provider's JSON body (and HTTP status), or `hang` to never answer. */
export type FakeAnswer = { status?: number; body: unknown } | "hang";

export type FakeProvider = {
  /** `http://127.0.0.1:<port>`, for SMS_ENDPOINT. */
  url: string;
  calls: FakeCall[];
  /** Answers the next calls of `action`, one each, before falling back to the default. */
  queue(action: string, ...answers: FakeAnswer[]): void;
  close(): Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function fake(parse: (req: IncomingMessage, body: string) => FakeCall, fallback: (call: FakeCall) => unknown): Promise<FakeProvider> {
  const calls: FakeCall[] = [];
  const queued = new Map<string, FakeAnswer[]>();
  const server: Server = createServer(async (req, res) => {
    const call = parse(req, await readBody(req));
    calls.push(call);
    const answer = queued.get(call.action)?.shift() ?? { body: fallback(call) };
    if (answer === "hang") return;
    res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    queue: (action, ...answers) => queued.set(action, [...(queued.get(action) ?? []), ...answers]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Alibaba Cloud SMS's RPC API as the SDK speaks it: `Action` and the parameters in the query string or a form body,
 * answers in JSON. By default every SendSms succeeds with a new BizId and QuerySendDetails reports it delivered.
 */
export function fakeAliyun(): Promise<FakeProvider> {
  let n = 0;
  return fake(
    (req, body) => {
      const url = new URL(req.url ?? "/", "http://x");
      const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
      if (body) for (const [k, v] of new URLSearchParams(body)) params[k] = v;
      return { action: String(params.Action ?? req.headers["x-acs-action"] ?? ""), params };
    },
    (call) =>
      call.action === "SendSms"
        ? { Code: "OK", Message: "OK", BizId: `${900000 + ++n}^0`, RequestId: `req-${n}` }
        : {
            Code: "OK",
            Message: "OK",
            RequestId: "q",
            TotalCount: 1,
            SmsSendDetailDTOs: {
              SmsSendDetailDTO: [{ PhoneNum: call.params.PhoneNumber, SendStatus: 3, ErrCode: "DELIVERED", ReceiveDate: "2026-11-20 10:00:05" }],
            },
          },
  );
}

/**
 * Tencent Cloud's API 3.0 as the SDK speaks it: a JSON body posted to `/`, the action in `X-TC-Action`, answers
 * wrapped in `Response`. By default every SendSms succeeds and the status pull reports it received.
 */
export function fakeTencent(): Promise<FakeProvider> {
  let n = 0;
  return fake(
    (req, body) => ({ action: String(req.headers["x-tc-action"] ?? ""), params: body ? (JSON.parse(body) as Record<string, unknown>) : {} }),
    (call) => {
      if (call.action === "SendSms") {
        const phone = (call.params.PhoneNumberSet as string[])[0];
        return {
          Response: {
            SendStatusSet: [{ SerialNo: `serial-${++n}`, PhoneNumber: phone, Fee: 1, Code: "Ok", Message: "send success", IsoCode: "CN" }],
            RequestId: `req-${n}`,
          },
        };
      }
      return {
        Response: {
          PullSmsSendStatusSet: Array.from({ length: n }, (_, i) => ({
            SerialNo: `serial-${i + 1}`,
            PhoneNumber: call.params.PhoneNumber,
            ReportStatus: "SUCCESS",
            Description: "DELIVRD",
            UserReceiveTime: 1795_600_000,
          })),
          RequestId: "pull",
        },
      };
    },
  );
}
