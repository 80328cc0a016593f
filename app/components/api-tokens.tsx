import { useRevalidator } from "@remix-run/react";
import { type FormEvent, useState } from "react";

import { formatDateTime } from "~/utils/format";

export type TokenRow = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

type ApiAnswer = { id?: string; token?: string; name?: string; error?: { message: string } };

/**
 * Personal API tokens, made and revoked through the API itself
 * (POST/DELETE /api/v1/tokens with this browser's session).
 */
export function ApiTokens({ tokens }: { tokens: TokenRow[] }) {
  const revalidator = useRevalidator();
  const [created, setCreated] = useState<{ id: string; name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function request(
    method: "POST" | "DELETE",
    url: string,
    body?: object,
  ): Promise<ApiAnswer | null> {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(url, {
        method,
        headers: body ? { "Content-Type": "application/json" } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      });
      const answer = (await response.json().catch(() => ({}))) as ApiAnswer;
      if (!response.ok) {
        setError(answer.error?.message ?? "操作失败，请刷新页面后重试。");
        return null;
      }
      revalidator.revalidate();
      return answer;
    } catch {
      setError("网络不通，请稍后再试。");
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    const answer = await request("POST", "/api/v1/tokens", { name });
    if (answer?.token) {
      setCreated({ id: answer.id ?? "", name: answer.name ?? name, token: answer.token });
      form.reset();
    }
  }

  async function revoke(id: string) {
    // A token just shown and now revoked is of no use: stop showing it.
    if (await request("DELETE", `/api/v1/tokens/${id}`)) {
      setCreated((shown) => (shown?.id === id ? null : shown));
    }
  }

  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API 访问令牌</h2>
      <p className="muted">
        供县里的系统或脚本调用本系统的数据接口（接入方法请联系系统管理员）。令牌与您的账号权限相同，请妥善保管；不用时请撤销。
      </p>
      {created && (
        <div className="alert success" role="status" data-testid="new-token">
          <p>
            已创建令牌“{created.name}”。请立即复制保存，<strong>离开本页后将不再显示</strong>：
          </p>
          <code className="token">{created.token}</code>
        </div>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={create} className="inline-form">
        <label className="field">
          <span>令牌名称</span>
          <input name="name" required maxLength={60} placeholder="如：县档案系统同步" />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          创建令牌
        </button>
      </form>
      {tokens.length === 0 ? (
        <p className="muted">还没有令牌。</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">创建时间</th>
              <th scope="col">最近使用</th>
              <th scope="col">
                <span className="visually-hidden">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "从未使用"}</td>
                <td>
                  <button
                    type="button"
                    className="button small danger"
                    disabled={busy}
                    onClick={() => void revoke(t.id)}
                    aria-label={`撤销令牌 ${t.name}`}
                  >
                    撤销
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
