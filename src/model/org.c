/* Tree columns and organization detail fields (contract: org.h). */
#include "model/org.h"

#include <stddef.h>

const struct dj_column dj_org_columns[5] = {
    {"组织名称", 24}, {"组织代码", 16}, {"类别", 10}, {"党员", 6}, {"人数", 6},
};

#define FIELD(label, member)                                                                       \
    {                                                                                              \
        label, offsetof(struct dj_org_detail, member), sizeof(((struct dj_org_detail *)0)->member) \
    }

const struct dj_detail_field dj_org_detail_fields[] = {
    FIELD("组织名称", name),
    FIELD("组织全称", full_name),
    FIELD("组织代码", code),
    FIELD("组织层级", kind),
    FIELD("组织类别", category),
    FIELD("上级组织", parent_name),
    FIELD("所属区县", district_name),
    FIELD("单位名称", unit_name),
    FIELD("单位性质", unit_nature),
    FIELD("党组织所在单位情况", unit_relation),
    FIELD("成立日期", founded_on),
    FIELD("成立文号", founding_doc),
    FIELD("书记", secretary),
    FIELD("联系人", contact),
    FIELD("联系电话", phone),
    FIELD("状态", state),
    /* Last, so that the details of an active organization can leave them out. */
    FIELD("撤销日期", dissolved_on),
    FIELD("撤销原因", dissolved_reason),
};
const size_t dj_org_detail_field_count =
    sizeof dj_org_detail_fields / sizeof dj_org_detail_fields[0];
