//! Which shown envelope answers which: by name (`X` and `XResponse`) first, then by
//! order (a request, then its response), the headings deciding what an envelope is
//! when its name does not.

use super::scan::Role;

/// One envelope as pairing sees it.
pub struct Shown<'a> {
    /// The body element's local name.
    pub name: &'a str,
    /// What the prose before it calls it.
    pub heading: Option<Role>,
}

/// An operation's envelopes, by index; either side may be missing.
#[derive(Debug, PartialEq, Eq)]
pub struct Pair {
    pub request: Option<usize>,
    pub response: Option<usize>,
    /// Paired by position alone (the names do not say it): worth a warning.
    pub by_order: bool,
}

fn is_response_name(name: &str) -> bool {
    name.strip_suffix("Response").is_some_and(|stem| !stem.is_empty())
}

/// Whether an element named `name` reads like the answer to `request`: named after it
/// (`LookupResult`, `LookupReply`) or like a result (`…Result`, `…Reply`, `…Output`).
fn answers(name: &str, request: &str) -> bool {
    let after = name.strip_prefix(request).filter(|rest| !rest.is_empty());
    after.is_some() || ["Result", "Reply", "Output", "Ack"].iter().any(|s| name.ends_with(s))
}

/// The pairs, in the order of their first envelope.
pub fn pair(shown: &[Shown<'_>]) -> Vec<Pair> {
    let role = |s: &Shown<'_>| -> Option<Role> {
        if is_response_name(s.name) { Some(Role::Response) } else { s.heading }
    };
    let roles: Vec<Option<Role>> = shown.iter().map(role).collect();
    let mut partner: Vec<Option<usize>> = vec![None; shown.len()];
    // Names first: `XResponse` answers the nearest `X` before it, else any `X`.
    for (r, s) in shown.iter().enumerate() {
        if roles[r] != Some(Role::Response) {
            continue;
        }
        let Some(stem) = s.name.strip_suffix("Response") else { continue };
        let free = |q: &usize| {
            partner[*q].is_none() && roles[*q] != Some(Role::Response) && shown[*q].name == stem
        };
        let found = (0..r).rev().find(free).or_else(|| (r + 1..shown.len()).find(free));
        if let Some(q) = found {
            partner[q] = Some(r);
            partner[r] = Some(q);
        }
    }
    let mut pairs = Vec::new();
    let mut done = vec![false; shown.len()];
    let mut i = 0;
    while i < shown.len() {
        if done[i] {
            i += 1;
            continue;
        }
        done[i] = true;
        if let Some(p) = partner[i] {
            done[p] = true;
            let (request, response) =
                if roles[i] == Some(Role::Response) { (p, i) } else { (i, p) };
            pairs.push(Pair { request: Some(request), response: Some(response), by_order: false });
        } else if roles[i] == Some(Role::Response) {
            pairs.push(Pair { request: None, response: Some(i), by_order: false });
        } else {
            // A request (or an envelope nothing names): the next unpaired envelope answers
            // it when a heading calls it a response or its name reads like an answer to it.
            let next = (i + 1 < shown.len() && partner[i + 1].is_none() && !done[i + 1])
                .then_some(i + 1)
                .filter(|&n| {
                    roles[n] == Some(Role::Response)
                        || (roles[n].is_none() && answers(shown[n].name, shown[i].name))
                });
            match next {
                Some(n) => {
                    done[n] = true;
                    pairs.push(Pair { request: Some(i), response: Some(n), by_order: true });
                }
                None => pairs.push(Pair { request: Some(i), response: None, by_order: false }),
            }
        }
        i += 1;
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(list: &[(&'static str, Option<Role>)]) -> Vec<Shown<'static>> {
        list.iter().map(|&(name, heading)| Shown { name, heading }).collect()
    }

    fn pairs(list: &[(&'static str, Option<Role>)]) -> Vec<(Option<usize>, Option<usize>, bool)> {
        pair(&shown(list)).into_iter().map(|p| (p.request, p.response, p.by_order)).collect()
    }

    #[test]
    fn names_pair_first_wherever_they_are() {
        // Requests listed first, responses after; names say which is which.
        let p = pairs(&[("A", None), ("B", None), ("BResponse", None), ("AResponse", None)]);
        assert_eq!(p, [(Some(0), Some(3), false), (Some(1), Some(2), false)]);
    }

    #[test]
    fn order_pairs_what_names_do_not() {
        let p = pairs(&[("Lookup", None), ("LookupResult", None)]);
        assert_eq!(p, [(Some(0), Some(1), true)]);
        // A heading that calls the second one a request keeps them apart.
        let p = pairs(&[("Lookup", None), ("Find", Some(Role::Request))]);
        assert_eq!(p, [(Some(0), None, false), (Some(1), None, false)]);
        // The same element twice is two requests (two examples of one call), and so are
        // two unrelated names nothing calls a response.
        let p = pairs(&[("Lookup", None), ("Lookup", None)]);
        assert_eq!(p, [(Some(0), None, false), (Some(1), None, false)]);
        let p = pairs(&[("Place", None), ("Cancel", None)]);
        assert_eq!(p, [(Some(0), None, false), (Some(1), None, false)]);
        let p = pairs(&[("Place", None), ("OrderAck", None)]);
        assert_eq!(p, [(Some(0), Some(1), true)]);
    }

    #[test]
    fn headings_decide_roles_names_leave_open() {
        // A response heading with a response not named after the request: paired by order.
        let p = pairs(&[("Find", Some(Role::Request)), ("Items", Some(Role::Response))]);
        assert_eq!(p, [(Some(0), Some(1), true)]);
        // A lone response stays one.
        let p = pairs(&[("Items", Some(Role::Response)), ("Find", None)]);
        assert_eq!(p, [(None, Some(0), false), (Some(1), None, false)]);
        let p = pairs(&[("FindResponse", None)]);
        assert_eq!(p, [(None, Some(0), false)]);
    }
}
