//! NTLMv2 (MS-NLMP) for HTTP: the NEGOTIATE message, reading the server's CHALLENGE and
//! writing the AUTHENTICATE message with an NTLMv2 response and a MIC.
//!
//! Authentication only: no signing or sealing is negotiated (HTTP does not use them), so no
//! key exchange is either. NTLMv1 and LM are never sent.

use hmac::{Hmac, KeyInit as _, Mac as _};
use md4::{Digest as _, Md4};
use md5::Md5;

use crate::secret::Secret;

const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";

const NEGOTIATE_UNICODE: u32 = 0x0000_0001;
const REQUEST_TARGET: u32 = 0x0000_0004;
const NEGOTIATE_NTLM: u32 = 0x0000_0200;
const NEGOTIATE_ALWAYS_SIGN: u32 = 0x0000_8000;
const NEGOTIATE_EXTENDED_SESSIONSECURITY: u32 = 0x0008_0000;
const NEGOTIATE_TARGET_INFO: u32 = 0x0080_0000;
const NEGOTIATE_VERSION: u32 = 0x0200_0000;
const NEGOTIATE_128: u32 = 0x2000_0000;
const NEGOTIATE_56: u32 = 0x8000_0000;

/// The flags this client asks for.
const FLAGS: u32 = NEGOTIATE_UNICODE
    | REQUEST_TARGET
    | NEGOTIATE_NTLM
    | NEGOTIATE_ALWAYS_SIGN
    | NEGOTIATE_EXTENDED_SESSIONSECURITY
    | NEGOTIATE_TARGET_INFO
    | NEGOTIATE_VERSION
    | NEGOTIATE_128
    | NEGOTIATE_56;

/// Windows 10, build 19041, NTLM revision 15: what the VERSION field conventionally says.
const VERSION: [u8; 8] = [10, 0, 0x61, 0x4a, 0, 0, 0, 0x0f];

const AV_EOL: u16 = 0;
const AV_TIMESTAMP: u16 = 7;
const AV_FLAGS: u16 = 6;
/// MsvAvFlags bit: the AUTHENTICATE message carries a MIC.
const AV_FLAG_MIC: u32 = 0x2;

/// Length of the fixed part of AUTHENTICATE, MIC included: where its payload starts.
const AUTHENTICATE_HEADER: usize = 88;
/// Offset of the MIC in AUTHENTICATE.
const MIC_OFFSET: usize = 72;

/// A user of a Windows domain. `DOMAIN\user` keeps the domain apart; `user@domain` (a UPN)
/// is sent whole as the user name with an empty domain, as Windows does.
#[derive(Clone)]
pub struct NtlmCredentials {
    user: String,
    domain: String,
    password: Secret,
}

impl NtlmCredentials {
    /// Splits `DOMAIN\user`; anything else is the user name as given.
    pub fn new(user: &str, password: Secret) -> Self {
        let (domain, user) = match user.split_once('\\') {
            Some((domain, user)) => (domain.to_owned(), user.to_owned()),
            None => (String::new(), user.to_owned()),
        };
        NtlmCredentials { user, domain, password }
    }

    /// The user as given, for error messages: `DOMAIN\user` or `user`.
    pub fn display_user(&self) -> String {
        if self.domain.is_empty() {
            self.user.clone()
        } else {
            format!("{}\\{}", self.domain, self.user)
        }
    }
}

/// The NEGOTIATE message (type 1): flags and version, no domain or workstation.
pub fn negotiate_message() -> Vec<u8> {
    let mut m = Vec::with_capacity(40);
    m.extend_from_slice(SIGNATURE);
    m.extend_from_slice(&1u32.to_le_bytes());
    m.extend_from_slice(&FLAGS.to_le_bytes());
    // Domain and workstation fields: empty, pointing at the end of the message.
    for _ in 0..2 {
        m.extend_from_slice(&0u16.to_le_bytes());
        m.extend_from_slice(&0u16.to_le_bytes());
        m.extend_from_slice(&40u32.to_le_bytes());
    }
    m.extend_from_slice(&VERSION);
    m
}

/// A server's CHALLENGE message (type 2), as far as the client needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChallengeMessage {
    /// The flags the server chose.
    pub flags: u32,
    /// The 8-byte server challenge.
    pub server_challenge: [u8; 8],
    /// The AV pairs (MsvAvNbDomainName, MsvAvTimestamp, …), raw, ending with MsvAvEOL.
    pub target_info: Vec<u8>,
    /// The server's timestamp (FILETIME), if the target info has one.
    pub timestamp: Option<u64>,
}

/// Why a CHALLENGE message was refused, and at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NtlmError(pub String);

impl std::fmt::Display for NtlmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed NTLM challenge: {}", self.0)
    }
}

/// Reads a CHALLENGE message, checking every offset against its length.
pub fn parse_challenge(m: &[u8]) -> Result<ChallengeMessage, NtlmError> {
    let err = |what: &str| NtlmError(what.to_owned());
    if m.len() < 32 || &m[..8] != SIGNATURE {
        return Err(err("not an NTLMSSP message"));
    }
    if u32_at(m, 8) != Some(2) {
        return Err(err("not a CHALLENGE (type 2) message"));
    }
    let flags = u32_at(m, 20).ok_or_else(|| err("truncated flags"))?;
    let mut server_challenge = [0u8; 8];
    server_challenge.copy_from_slice(&m[24..32]);
    let target_info = if flags & NEGOTIATE_TARGET_INFO != 0 && m.len() >= 48 {
        field(m, 40).ok_or_else(|| err("the target info field points outside the message"))?
    } else {
        &[]
    };
    let timestamp = av_pairs(target_info)
        .map_err(|at| NtlmError(format!("malformed AV pair at byte {at} of the target info")))?
        .into_iter()
        .find(|(id, value)| *id == AV_TIMESTAMP && value.len() == 8)
        .map(|(_, value)| u64::from_le_bytes(value.try_into().unwrap_or_default()));
    Ok(ChallengeMessage { flags, server_challenge, target_info: target_info.to_vec(), timestamp })
}

/// The AV pairs of a target info, up to MsvAvEOL; `Err` is the offset of a bad one.
fn av_pairs(info: &[u8]) -> Result<Vec<(u16, &[u8])>, usize> {
    let mut pairs = Vec::new();
    let mut at = 0;
    while at < info.len() {
        let id = u16_at(info, at).ok_or(at)?;
        let len = usize::from(u16_at(info, at + 2).ok_or(at)?);
        if id == AV_EOL {
            return Ok(pairs);
        }
        let value = info.get(at + 4..at + 4 + len).ok_or(at)?;
        pairs.push((id, value));
        at += 4 + len;
    }
    Ok(pairs)
}

/// Inputs that are random or time-dependent in real use, fixed in tests.
pub struct Freshness {
    /// 8 random bytes.
    pub client_challenge: [u8; 8],
    /// Now as a FILETIME, used when the server sends no timestamp.
    pub now: u64,
}

/// The AUTHENTICATE message (type 3) answering `challenge` (whose raw bytes are
/// `challenge_raw`) after `negotiate` was sent.
pub fn authenticate_message(
    credentials: &NtlmCredentials,
    negotiate: &[u8],
    challenge_raw: &[u8],
    challenge: &ChallengeMessage,
    fresh: &Freshness,
) -> Vec<u8> {
    let key = ntowf_v2(credentials);
    // With a server timestamp, the client must use it, send a MIC and no LMv2 response.
    let with_mic = challenge.timestamp.is_some();
    let time = challenge.timestamp.unwrap_or(fresh.now);
    let target_info = client_target_info(&challenge.target_info, with_mic);

    let mut temp = Vec::with_capacity(28 + target_info.len() + 4);
    temp.extend_from_slice(&[1, 1, 0, 0, 0, 0, 0, 0]);
    temp.extend_from_slice(&time.to_le_bytes());
    temp.extend_from_slice(&fresh.client_challenge);
    temp.extend_from_slice(&[0; 4]);
    temp.extend_from_slice(&target_info);
    temp.extend_from_slice(&[0; 4]);
    let nt_proof = hmac_md5(&key, &[&challenge.server_challenge, &temp]);
    let mut nt_response = nt_proof.to_vec();
    nt_response.extend_from_slice(&temp);
    let lm_response = if with_mic {
        vec![0; 24]
    } else {
        let mut lm =
            hmac_md5(&key, &[&challenge.server_challenge, &fresh.client_challenge]).to_vec();
        lm.extend_from_slice(&fresh.client_challenge);
        lm
    };
    // No key exchange: the exported session key is the session base key.
    let session_key = hmac_md5(&key, &[&nt_proof]);

    let flags = FLAGS & challenge.flags | NEGOTIATE_UNICODE;
    let domain = utf16le(&credentials.domain);
    let user = utf16le(&credentials.user);
    let workstation: Vec<u8> = Vec::new();
    let payloads: [&[u8]; 6] = [&lm_response, &nt_response, &domain, &user, &workstation, &[]];

    let mut m =
        Vec::with_capacity(AUTHENTICATE_HEADER + payloads.iter().map(|p| p.len()).sum::<usize>());
    m.extend_from_slice(SIGNATURE);
    m.extend_from_slice(&3u32.to_le_bytes());
    let mut offset = AUTHENTICATE_HEADER;
    for payload in payloads {
        let len = payload.len() as u16;
        m.extend_from_slice(&len.to_le_bytes());
        m.extend_from_slice(&len.to_le_bytes());
        m.extend_from_slice(&(offset as u32).to_le_bytes());
        offset += payload.len();
    }
    m.extend_from_slice(&flags.to_le_bytes());
    m.extend_from_slice(&VERSION);
    m.extend_from_slice(&[0; 16]);
    for payload in payloads {
        m.extend_from_slice(payload);
    }
    if with_mic {
        let mic = hmac_md5(&session_key, &[negotiate, challenge_raw, &m]);
        m[MIC_OFFSET..MIC_OFFSET + 16].copy_from_slice(&mic);
    }
    m
}

/// The server's AV pairs, with MsvAvFlags saying a MIC follows when one does.
fn client_target_info(server: &[u8], with_mic: bool) -> Vec<u8> {
    let pairs = av_pairs(server).unwrap_or_default();
    let mut out = Vec::with_capacity(server.len() + 8);
    let mut flags_seen = false;
    for (id, value) in pairs {
        let mut value = value.to_vec();
        if id == AV_FLAGS && value.len() == 4 && with_mic {
            let flags = u32::from_le_bytes([value[0], value[1], value[2], value[3]]) | AV_FLAG_MIC;
            value = flags.to_le_bytes().to_vec();
            flags_seen = true;
        }
        push_av(&mut out, id, &value);
    }
    if with_mic && !flags_seen {
        push_av(&mut out, AV_FLAGS, &AV_FLAG_MIC.to_le_bytes());
    }
    push_av(&mut out, AV_EOL, &[]);
    out
}

fn push_av(out: &mut Vec<u8>, id: u16, value: &[u8]) {
    out.extend_from_slice(&id.to_le_bytes());
    out.extend_from_slice(&(value.len() as u16).to_le_bytes());
    out.extend_from_slice(value);
}

/// NTOWFv2: HMAC-MD5 keyed with MD4(UTF-16LE(password)) of UTF-16LE(UPPER(user) + domain).
fn ntowf_v2(c: &NtlmCredentials) -> [u8; 16] {
    let nt_hash: [u8; 16] = Md4::digest(utf16le(c.password.expose())).into();
    let user_dom = utf16le(&(c.user.to_uppercase() + &c.domain));
    hmac_md5(&nt_hash, &[&user_dom])
}

fn hmac_md5(key: &[u8], parts: &[&[u8]]) -> [u8; 16] {
    let mut mac = <Hmac<Md5>>::new_from_slice(key).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn u16_at(m: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(m.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(m: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(m.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// A `len, max_len, offset` security buffer at `at`, resolved against the message.
fn field(m: &[u8], at: usize) -> Option<&[u8]> {
    let len = usize::from(u16_at(m, at)?);
    let offset = u32_at(m, at + 4)? as usize;
    m.get(offset..offset.checked_add(len)?)
}

/// Now as a Windows FILETIME (100 ns ticks since 1601).
pub fn filetime_now() -> u64 {
    const EPOCH_DIFF_SECS: u64 = 11_644_473_600;
    let since_unix =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    (since_unix.as_secs() + EPOCH_DIFF_SECS) * 10_000_000
        + u64::from(since_unix.subsec_nanos() / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// MS-NLMP §4.2.4: user "User", domain "Domain", password "Password", server challenge
    /// 0123456789abcdef, client challenge aa…, time 0, target info naming Domain and Server.
    #[test]
    fn ms_nlmp_ntlmv2_vectors() {
        let creds = NtlmCredentials::new("Domain\\User", Secret::from("Password"));
        assert_eq!(ntowf_v2(&creds).to_vec(), unhex("0c868a403bfd7a93a3001ef22ef02e3f"));
        let mut info = Vec::new();
        push_av(&mut info, 2, &utf16le("Domain"));
        push_av(&mut info, 1, &utf16le("Server"));
        push_av(&mut info, AV_EOL, &[]);
        let challenge = ChallengeMessage {
            flags: 0xe28a_8233,
            server_challenge: unhex("0123456789abcdef").try_into().unwrap(),
            target_info: info,
            timestamp: None,
        };
        let fresh = Freshness { client_challenge: [0xaa; 8], now: 0 };
        let m = authenticate_message(&creds, &negotiate_message(), &[], &challenge, &fresh);
        let lm = field(&m, 12).unwrap();
        assert_eq!(lm.to_vec(), unhex("86c35097ac9cec102554764a57cccc19 aaaaaaaaaaaaaaaa"));
        let nt = field(&m, 20).unwrap();
        assert_eq!(nt[..16].to_vec(), unhex("68cd0ab851e51c96aabc927bebef6a1c"));
        assert_eq!(field(&m, 28).unwrap(), utf16le("Domain"));
        assert_eq!(field(&m, 36).unwrap(), utf16le("User"));
    }

    #[test]
    fn users_and_domains() {
        let c = NtlmCredentials::new("CORP\\alice", Secret::from("x"));
        assert_eq!((c.domain.as_str(), c.user.as_str()), ("CORP", "alice"));
        assert_eq!(c.display_user(), "CORP\\alice");
        let c = NtlmCredentials::new("alice@corp.example", Secret::from("x"));
        assert_eq!((c.domain.as_str(), c.user.as_str()), ("", "alice@corp.example"));
    }

    #[test]
    fn challenges_are_checked() {
        assert!(parse_challenge(b"NTLMSSP\0").is_err());
        let mut m = negotiate_message();
        m.resize(48, 0);
        assert!(parse_challenge(&m).unwrap_err().0.contains("type 2"));
        // A type 2 whose target info points past the end.
        let mut m = Vec::from(&SIGNATURE[..]);
        m.extend_from_slice(&2u32.to_le_bytes());
        m.extend_from_slice(&[0; 8]);
        m.extend_from_slice(&NEGOTIATE_TARGET_INFO.to_le_bytes());
        m.extend_from_slice(&[7; 8]);
        m.extend_from_slice(&[0; 8]);
        m.extend_from_slice(&[10, 0, 10, 0, 200, 0, 0, 0]);
        assert!(parse_challenge(&m).unwrap_err().0.contains("outside"));
        // The same with a target info holding a timestamp.
        let mut info = Vec::new();
        push_av(&mut info, AV_TIMESTAMP, &42u64.to_le_bytes());
        push_av(&mut info, AV_EOL, &[]);
        m.truncate(40);
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&48u32.to_le_bytes());
        m.extend_from_slice(&info);
        let c = parse_challenge(&m).unwrap();
        assert_eq!((c.timestamp, c.server_challenge), (Some(42), [7; 8]));
    }
}
