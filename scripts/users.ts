// npm run users -- add NAME --scope tinh|<committee code> [--file data/users.json]   (password read from stdin)
// npm run users -- remove NAME [--file …]
// npm run users -- list [--file …]
// The users of `npm run serve -- --users FILE`: a name, a scrypt-hashed password and a scope — the province
// ("tinh": everything) or one committee (its own files and pages, and the province summaries).
import {createInterface} from "node:readline";
import {parseArgs} from "node:util";
import {SAFE_CODE} from "../src/components/data-layout.ts";
import {hashPassword, loadOrEmpty, UsersFileError, writeUsers} from "./serve-auth.ts";

const USAGE = `Cách dùng / usage:
  npm run users -- add TÊN --scope tinh|MÃ_ĐẢNG_BỘ [--file data/users.json]   (mật khẩu đọc từ đầu vào / password from stdin)
  npm run users -- remove TÊN [--file …]
  npm run users -- list [--file …]`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Mật khẩu / password: ");
  const rl = createInterface({input: process.stdin});
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return "";
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({allowPositionals: true, options: {scope: {type: "string"}, file: {type: "string", default: "data/users.json"}}});
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, name] = parsed.positionals;
  const file = parsed.values.file!;
  const users = loadOrEmpty(file);
  if (command === "list") {
    if (users.users.length === 0) console.error(`Chưa có người dùng trong ${file} / no users in ${file}`);
    for (const u of users.users) console.log(`${u.name}\t${u.scope === "province" ? "tinh" : u.scope.committee}`);
    return 0;
  }
  if (!name || (command !== "add" && command !== "remove")) {
    console.error(USAGE);
    return 2;
  }
  if (command === "remove") {
    if (!users.users.some((u) => u.name === name)) {
      console.error(`Không có người dùng ${name} trong ${file} / no such user`);
      return 1;
    }
    users.users = users.users.filter((u) => u.name !== name);
    writeUsers(file, users);
    console.log(`Đã xóa ${name} khỏi ${file} / removed (khởi động lại npm run serve để áp dụng / restart npm run serve to apply)`);
    return 0;
  }
  if (name.includes(":") || /[\p{Cc}]/u.test(name)) {
    console.error("Tên không được chứa dấu hai chấm hay ký tự điều khiển / a name cannot hold a colon or a control character");
    return 2;
  }
  const scope = parsed.values.scope;
  if (!scope || !SAFE_CODE.test(scope)) {
    console.error(`Cần --scope tinh hoặc mã một đảng bộ / --scope tinh or a committee code is required\n${USAGE}`);
    return 2;
  }
  const password = await readPassword();
  if (password.length < 8) {
    console.error("Mật khẩu cần ít nhất 8 ký tự / the password needs at least 8 characters");
    return 2;
  }
  users.users = users.users.filter((u) => u.name !== name);
  users.users.push({name, password: await hashPassword(password), scope: scope === "tinh" ? "province" : {committee: scope}});
  writeUsers(file, users);
  console.log(`Đã lưu ${name} (${scope === "tinh" ? "toàn tỉnh" : `đảng bộ ${scope}`}) vào ${file} / saved (khởi động lại npm run serve để áp dụng / restart npm run serve to apply)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof UsersFileError ? e.message : `Lỗi / error: ${(e as Error).message}`);
    process.exit(e instanceof UsersFileError ? 2 : 1);
  }
);
