import SparkMD5 from "spark-md5"

/** Recensus Customer Contact API's signed request: signature = MD5 of HTTP verb + full request URL + shared secret. */
export function signRecensusRequest(method: string, url: string, sharedSecret: string): string {
  return SparkMD5.hash(`${method.toUpperCase()}${url}${sharedSecret}`)
}
