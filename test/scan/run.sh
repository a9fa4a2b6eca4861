#!/usr/bin/env bash
# npm run scan: Debian's sqlmap and wapiti against a throwaway Cabildo on loopback.
# Not part of CI (it takes minutes); its last result is summarised in README.md.
set -uo pipefail
cd "$(dirname "$0")/../.."
for tool in sqlmap wapiti; do
  command -v "$tool" >/dev/null || { echo "Falta $tool: apt-get install -y sqlmap wapiti"; exit 2; }
done
PORT="${SCAN_PORT:-3999}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d /tmp/cabildo-scan.XXXXXX)"
OUT="test/output/scan"
mkdir -p "$OUT"
npm run build >/dev/null
DATA_DIR="$WORK/data" PORT="$PORT" HOST=127.0.0.1 DEMO_DATA=true LOG_LEVEL=warn OUTBOX_POLL_MS=0 \
  node dist/src/main.js > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 90); do curl -sf "$BASE/health" >/dev/null && break; sleep 1; done
curl -sf "$BASE/health" >/dev/null || { echo "Cabildo no arrancó"; cat "$OUT/app.log"; exit 1; }

# A staff session for the inbox search.
JAR="$WORK/cookies.txt"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$TOKEN" --data-urlencode "email=atencion@tampacan.gob.mx" --data-urlencode "password=Ventanilla-2026" "$BASE/login"
COOKIE=$(awk '!/^#/ && NF>=7 {printf "%s=%s; ", $6, $7}' "$JAR")
INBOX_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE/casos")
[ "$INBOX_STATUS" = 200 ] || { echo "La sesión de personal no abrió la bandeja ($INBOX_STATUS)"; exit 1; }
FOLIO=$(curl -s -b "$JAR" "$BASE/casos" | grep -o 'AC-20[0-9][0-9]-[0-9]\{6\}' | head -1)

SQLMAP=(sqlmap --batch --level=2 --risk=1 --random-agent --disable-coloring --output-dir="$WORK/sqlmap" --answers="follow=N")
echo "== sqlmap: búsqueda de la bandeja (/casos?q=) con sesión de personal"
"${SQLMAP[@]}" -u "$BASE/casos?q=basura&estado=received" -p q,estado --cookie="$COOKIE" > "$OUT/sqlmap-inbox.txt" 2>&1
echo "== sqlmap: seguimiento (/seguimiento)"
"${SQLMAP[@]}" -u "$BASE/seguimiento" --data="folio=${FOLIO:-AC-2026-000001}&code=ABCD-EFGH&_csrf=x" -p folio,code \
  --csrf-token=_csrf --csrf-url="$BASE/seguimiento" > "$OUT/sqlmap-tracking.txt" 2>&1
echo "== sqlmap: formulario público (/solicitudes/nueva)"
"${SQLMAP[@]}" -u "$BASE/solicitudes/nueva" --data="type=complaint&categoryId=1&description=Fuga+de+agua&locality=Tampac%C3%A1n&consent=on&_csrf=x" \
  -p type,categoryId,description,locality --csrf-token=_csrf --csrf-url="$BASE/solicitudes/nueva" > "$OUT/sqlmap-form.txt" 2>&1
echo "== wapiti: sitio público"
wapiti -u "$BASE/" --scope folder -m sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,ssrf --flush-session \
  --max-scan-time 420 -f txt -o "$OUT/wapiti.txt" > "$OUT/wapiti-run.txt" 2>&1

echo
echo "== Resumen"
for f in "$OUT"/sqlmap-*.txt; do
  if grep -q "identified the following injection point" "$f"; then echo "$(basename "$f"): INYECCIÓN ENCONTRADA (revisar)";
  elif grep -q "all tested parameters do not appear to be injectable" "$f"; then echo "$(basename "$f"): nada explotable";
  else echo "$(basename "$f"): sin conclusión (revisar el archivo)"; fi
done
if [ -f "$OUT/wapiti.txt" ]; then
  grep -E "^(SQL Injection|Blind SQL Injection|Cross Site Scripting|Stored Cross Site Scripting|Commands execution|Path Traversal|CRLF Injection|Open Redirect|Server Side Request Forgery)" -A2 "$OUT/wapiti.txt" | grep -E "^[A-Z]|^ *[0-9]+ " | head -40
  VULNS=$(grep -cE "^Vulnerability found in" "$OUT/wapiti.txt" || true)
  echo "wapiti: $VULNS hallazgos (detalle en $OUT/wapiti.txt)"
fi
