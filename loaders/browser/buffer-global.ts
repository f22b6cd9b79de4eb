// Injected into the browser bundle of the checker: Node's global Buffer, for the decoders (iconv-lite, decode.ts).
export {Buffer} from "buffer";
