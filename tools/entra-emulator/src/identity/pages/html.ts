/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A minimal page in the spirit of Microsoft's sign-in pages; every dynamic value is escaped by the caller. */
export function page(title: string, bodyHtml: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0}
main{max-width:440px;margin:60px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:6px 0;margin:8px 0;border:0;border-bottom:1px solid #666;font-size:15px}
button{background:#0067b8;color:#fff;border:0;padding:8px 24px;font-size:15px;cursor:pointer;margin-top:16px}
button.secondary{background:#ccc;color:#000}
.error{color:#e81123;margin:8px 0}
.detail{color:#666;font-size:12px;word-break:break-word}
</style>
</head>
<body><main>
<div class="banner">Archive365 Entra Emulator</div>
${bodyHtml}
</main></body>
</html>`;
}
