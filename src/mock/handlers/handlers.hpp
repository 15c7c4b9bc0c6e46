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

// multipart.cpp
Response initiate_multipart_upload(Context& ctx);
void prepare_upload_part(Context& ctx);
Response upload_part(Context& ctx);
Response upload_part_copy(Context& ctx);
Response complete_multipart_upload(Context& ctx);
Response abort_multipart_upload(Context& ctx);
Response list_parts(Context& ctx);

// multipart_list.cpp
Response list_multipart_uploads(Context& ctx);

// admin.cpp: the /-/ endpoints (loopback only, no OSS signature)
Response admin(Context& ctx);

// delete_multiple.cpp
Response delete_multiple_objects(Context& ctx);

} // namespace mock::handlers
