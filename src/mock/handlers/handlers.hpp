#pragma once
// The operations ossmock implements, one file per API family.
#include "mock/context.hpp"

namespace mock::handlers {

// service.cpp
Response list_buckets(Context& ctx);

// bucket.cpp
Response put_bucket(Context& ctx);
Response delete_bucket(Context& ctx);
Response head_bucket(Context& ctx);
Response get_bucket_info(Context& ctx);
Response get_bucket_location(Context& ctx);
Response get_bucket_acl(Context& ctx);
Response put_bucket_acl(Context& ctx);

// list.cpp
Response list_objects(Context& ctx);
Response list_objects_v2(Context& ctx);
Response list_object_versions(Context& ctx);
Response list_multipart_uploads(Context& ctx);

// encryption.cpp
Response put_bucket_encryption(Context& ctx);
Response get_bucket_encryption(Context& ctx);
Response delete_bucket_encryption(Context& ctx);

// object.cpp
void prepare_put_object(Context& ctx);
Response put_object(Context& ctx);
Response get_object(Context& ctx);
Response head_object(Context& ctx);
Response get_object_meta(Context& ctx);
Response delete_object(Context& ctx);
Response get_object_acl(Context& ctx);
Response put_object_acl(Context& ctx);

// copy.cpp
Response copy_object(Context& ctx);

// delete_multiple.cpp
Response delete_multiple_objects(Context& ctx);

} // namespace mock::handlers
