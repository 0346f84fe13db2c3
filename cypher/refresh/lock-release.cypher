// name: lock-release
// description: Release the lock if we still own it.
// param: name: string
// param: owner: string
MATCH (l:RefreshLock {name: $name, owner: $owner})
DELETE l
