#include "model/gen_names.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct weighted {
    const char *s;
    uint32_t w;
};

/* Relative frequencies, roughly those of the 2020 census rankings (per
 * 100,000 people), the top of the list a little heavier as in the
 * prototype's data; the two-character surnames are rare on purpose. */
static const struct weighted surnames[] = {
    {"王", 7300}, {"李", 7100}, {"张", 6900}, {"刘", 5400}, {"陈", 5000}, {"杨", 3100},
    {"黄", 2400}, {"赵", 2200}, {"吴", 2100}, {"周", 2000}, {"徐", 1800}, {"孙", 1500},
    {"马", 1300}, {"朱", 1500}, {"胡", 1300}, {"郭", 1200}, {"何", 1100}, {"林", 1100},
    {"高", 1100}, {"罗", 1000}, {"郑", 1000}, {"梁", 900},  {"谢", 800},  {"宋", 700},
    {"唐", 700},  {"许", 700},  {"韩", 700},  {"冯", 700},  {"邓", 700},  {"曹", 700},
    {"彭", 600},  {"曾", 600},  {"肖", 600},  {"田", 600},  {"董", 500},  {"袁", 500},
    {"潘", 500},  {"于", 500},  {"蒋", 600},  {"蔡", 500},  {"余", 500},  {"杜", 500},
    {"叶", 500},  {"程", 500},  {"苏", 400},  {"魏", 400},  {"吕", 400},  {"丁", 400},
    {"任", 400},  {"沈", 700},  {"姚", 400},  {"卢", 400},  {"姜", 400},  {"崔", 400},
    {"钟", 400},  {"谭", 300},  {"陆", 600},  {"汪", 400},  {"范", 300},  {"金", 400},
    {"石", 300},  {"廖", 300},  {"贾", 300},  {"夏", 300},  {"韦", 300},  {"付", 300},
    {"方", 300},  {"白", 300},  {"邹", 300},  {"孟", 300},  {"熊", 300},  {"秦", 300},
    {"邱", 300},  {"江", 300},  {"尹", 200},  {"薛", 200},  {"闫", 200},  {"段", 200},
    {"雷", 200},  {"侯", 200},  {"龙", 200},  {"史", 200},  {"陶", 200},  {"黎", 200},
    {"贺", 200},  {"顾", 500},  {"毛", 200},  {"郝", 200},  {"龚", 200},  {"邵", 300},
    {"万", 200},  {"钱", 300},  {"严", 200},  {"覃", 100},  {"武", 200},  {"戴", 200},
    {"莫", 100},  {"孔", 100},  {"向", 100},  {"汤", 200},  {"常", 100},  {"温", 100},
    {"康", 100},  {"施", 200},  {"文", 100},  {"牛", 100},  {"樊", 100},  {"葛", 100},
    {"邢", 100},  {"安", 100},  {"齐", 100},  {"易", 100},  {"乔", 100},  {"伍", 100},
    {"庞", 100},  {"颜", 100},  {"倪", 150},  {"庄", 100},  {"聂", 100},  {"章", 100},
    {"鲁", 100},  {"岳", 100},  {"翟", 100},  {"殷", 100},  {"詹", 100},  {"申", 100},
    {"耿", 100},  {"关", 100},  {"兰", 100},  {"焦", 100},  {"俞", 150},  {"左", 100},
    {"柳", 100},  {"甘", 100},  {"祝", 100},  {"包", 100},  {"宁", 100},  {"尚", 100},
    {"符", 100},  {"舒", 100},  {"阮", 100},  {"柯", 100},  {"纪", 100},  {"梅", 100},
    {"童", 100},  {"凌", 100},  {"毕", 100},  {"单", 100},  {"季", 100},  {"裴", 100},
    {"霍", 100},  {"涂", 100},  {"成", 100},  {"苗", 100},  {"谷", 100},  {"盛", 100},
    {"曲", 100},  {"翁", 100},  {"冉", 50},   {"骆", 100},  {"蓝", 50},   {"路", 50},
    {"游", 50},   {"辛", 50},   {"靳", 50},   {"管", 50},   {"柴", 50},   {"鲍", 50},
    {"华", 50},   {"喻", 50},   {"祁", 50},   {"房", 50},   {"滕", 50},   {"屈", 50},
    {"饶", 50},   {"解", 50},   {"艾", 50},   {"尤", 50},   {"时", 50},   {"穆", 50},
    {"司", 30},   {"卓", 30},   {"古", 30},   {"吉", 30},   {"缪", 50},   {"简", 30},
    {"车", 30},   {"项", 30},   {"连", 30},   {"褚", 30},   {"娄", 30},   {"窦", 30},
    {"戚", 30},   {"岑", 30},   {"景", 30},   {"费", 50},   {"卜", 30},   {"冷", 30},
    {"晏", 30},   {"席", 30},   {"卫", 30},   {"米", 30},   {"柏", 30},   {"瞿", 50},
    {"桂", 30},   {"应", 30},   {"臧", 30},   {"闵", 30},   {"邬", 30},   {"边", 30},
    {"卞", 30},   {"仇", 30},   {"郎", 30},   {"甄", 30},   {"仲", 30},   {"虞", 30},
    {"查", 30},   {"诸", 20},   {"欧阳", 30}, {"司马", 8},  {"上官", 8},  {"诸葛", 6},
    {"东方", 5},  {"皇甫", 6},  {"司徒", 8},  {"尉迟", 3},  {"公孙", 3},  {"慕容", 3},
    {"令狐", 3},  {"夏侯", 3},  {"端木", 3},  {"长孙", 2},  {"宇文", 2},  {"澹台", 1},
};
#define N_SURNAMES (sizeof surnames / sizeof surnames[0])

/* One-character given names. */
static const struct weighted male_single[] = {
    {"伟", 70}, {"勇", 35}, {"军", 35}, {"杰", 30}, {"涛", 28}, {"强", 28}, {"磊", 28},
    {"斌", 22}, {"明", 22}, {"超", 22}, {"刚", 22}, {"平", 18}, {"辉", 22}, {"鹏", 18},
    {"华", 20}, {"飞", 18}, {"鑫", 12}, {"波", 18}, {"宇", 14}, {"浩", 14}, {"凯", 12},
    {"健", 12}, {"俊", 12}, {"峰", 16}, {"亮", 16}, {"毅", 10}, {"林", 10}, {"东", 12},
    {"锋", 10}, {"龙", 10}, {"建", 8},  {"晨", 8},  {"斐", 4},  {"翔", 8},  {"昊", 6},
    {"博", 6},  {"鸣", 5},  {"彬", 8},  {"炜", 6},  {"骏", 5},  {"捷", 5},  {"琦", 4},
    {"坚", 5},  {"敏", 6},  {"群", 6},  {"荣", 6},  {"力", 6},  {"诚", 5},  {"海", 8},
};
static const struct weighted female_single[] = {
    {"芳", 50}, {"娜", 42}, {"敏", 42}, {"静", 42}, {"丽", 38}, {"艳", 32}, {"娟", 30},
    {"霞", 22}, {"燕", 28}, {"玲", 24}, {"婷", 22}, {"雪", 14}, {"慧", 18}, {"莉", 18},
    {"萍", 18}, {"红", 22}, {"琳", 14}, {"洁", 18}, {"颖", 14}, {"倩", 14}, {"琴", 14},
    {"云", 14}, {"梅", 18}, {"英", 14}, {"华", 14}, {"兰", 10}, {"晶", 12}, {"瑶", 8},
    {"欣", 10}, {"佳", 8},  {"蓉", 10}, {"菁", 8},  {"岚", 6},  {"虹", 8},  {"薇", 8},
    {"莺", 4},  {"琼", 6},  {"珺", 5},  {"婕", 5},  {"妍", 6},  {"雯", 8},  {"蕾", 6},
};

/* Two-character given names typical of a generation, used as they are. */
static const char *const male_old[] = {"建国", "建华", "国强", "国华", "志强", "建军", "卫国",
                                       "振华", "德明", "永强", "国平", "文华", "长生", "福生",
                                       "金林", "根宝", "建平", "国庆", "解放", "援朝", "德福",
                                       "宝根", "荣发", "金宝", "志明", "光明", "耀华", "仁杰"};
static const char *const female_old[] = {"秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "淑珍",
                                         "玉珍", "秀珍", "美华", "丽华", "金凤", "彩凤", "月英",
                                         "素珍", "桂芳", "秀芳", "玉英", "美英", "凤珍", "爱华",
                                         "月华", "宝珍", "杏芳", "菊英", "惠芬", "美娣", "雅芳"};
static const char *const male_mid[] = {"海涛", "晓东", "晓明", "志刚", "伟东", "俊杰", "文斌",
                                       "海峰", "立新", "志伟", "建伟", "永刚", "红兵", "卫东",
                                       "晓峰", "建明", "国伟", "海波", "伟明", "志勇", "晓军",
                                       "剑锋", "春雷", "振宇", "海军", "文杰", "晓华", "勇刚"};
static const char *const female_mid[] = {"海燕", "晓燕", "丽娟", "春燕", "红梅", "晓红", "丽萍",
                                         "雪梅", "晓丽", "艳红", "丽华", "晓敏", "慧敏", "丽娜",
                                         "婷婷", "晓静", "美玲", "秀梅", "静怡", "晓雯", "燕萍",
                                         "佳佳", "莉莉", "晓英", "红霞", "丽君", "春华", "文静"};
static const char *const male_young[] = {"浩然", "宇航", "子豪", "俊杰", "梓轩", "浩宇", "子轩",
                                         "一鸣", "天宇", "博文", "思远", "家豪", "嘉豪", "宇轩",
                                         "皓轩", "子墨", "奕辰", "宇辰", "俊熙", "明轩", "逸飞",
                                         "睿哲", "晨阳", "子健", "泽宇", "文轩", "鸿涛", "浩楠"};
static const char *const female_young[] = {"欣怡", "子涵", "梓涵", "雨桐", "诗涵", "思雨", "雨欣",
                                           "佳怡", "一诺", "语嫣", "可馨", "欣妍", "梦瑶", "婉婷",
                                           "雨萱", "心怡", "思涵", "佳琪", "诗琪", "若曦", "雅琪",
                                           "梓萱", "子琪", "晨曦", "佳慧", "怡然", "欣然", "静雯"};

/* Characters that two-character names are made of otherwise. */
static const char *const male_first[] = {
    "志", "建", "国", "俊", "文", "明", "永", "海", "晓", "子", "浩", "宇", "家", "嘉",
    "天", "思", "博", "一", "立", "振", "德", "新", "庆", "春", "伟", "小", "云", "金",
    "长", "世", "宏", "鹏", "泽", "承", "昊", "梓", "卫", "俊", "逸", "启"};
static const char *const male_second[] = {
    "强", "华", "明", "军", "平", "伟", "东", "勇", "峰", "刚", "杰", "辉", "林", "波", "斌",
    "涛", "鹏", "飞", "龙", "成", "亮", "荣", "生", "良", "坤", "宇", "航", "轩", "然", "博",
    "磊", "超", "豪", "晨", "阳", "宁", "凯", "彬", "雄", "庆", "安", "民", "忠", "清"};
static const char *const female_first[] = {
    "秀", "玉", "桂", "丽", "美", "晓", "雪", "海", "春", "红", "静", "佳", "欣", "雨", "梓", "思",
    "诗", "婉", "淑", "慧", "文", "小", "金", "月", "一", "燕", "爱", "彩", "雅", "梦", "安", "可"};
static const char *const female_second[] = {
    "英", "兰", "芳", "珍", "华", "梅", "红", "燕", "霞", "娟", "丽", "萍", "琴", "玲",
    "婷", "静", "莉", "敏", "洁", "颖", "怡", "涵", "彤", "琪", "雯", "倩", "蕾", "悦",
    "璐", "妍", "清", "琳", "佳", "欣", "婧", "菲", "瑶", "媛", "君", "蓉"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Running totals of the surname weights, built once. */
static uint32_t surname_cum[N_SURNAMES];

static void build_cum(void)
{
    if (surname_cum[N_SURNAMES - 1] != 0)
        return;
    uint32_t t = 0;
    for (size_t i = 0; i < N_SURNAMES; i++) {
        t += surnames[i].w;
        surname_cum[i] = t;
    }
}

const char *gen_surname(struct gen_rand *r)
{
    build_cum();
    return surnames[gen_rand_cumulative(r, surname_cum, N_SURNAMES)].s;
}

unsigned gen_surname_weight(const char *surname)
{
    build_cum();
    for (size_t i = 0; i < N_SURNAMES; i++)
        if (strcmp(surnames[i].s, surname) == 0)
            return (unsigned)((uint64_t)surnames[i].w * 100000u / surname_cum[N_SURNAMES - 1]);
    return 0;
}

static const char *pick_weighted(struct gen_rand *r, const struct weighted *t, size_t n)
{
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += t[i].w;
    uint32_t x = gen_rand_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < t[i].w)
            return t[i].s;
        x -= t[i].w;
    }
    return t[n - 1].s;
}

static const char *pick(struct gen_rand *r, const char *const *t, size_t n)
{
    return t[gen_rand_below(r, (uint32_t)n)];
}

void gen_given_name(struct gen_rand *r, int sex, int birth_year, char *buf, size_t len)
{
    int male = sex == 1;
    /* Share of one-character names, per mille, by generation. */
    unsigned single = birth_year < 1960 ? 250 : birth_year < 1990 ? 420 : 150;
    if (gen_rand_chance(r, single)) {
        const char *c = male ? pick_weighted(r, male_single, COUNT(male_single))
                             : pick_weighted(r, female_single, COUNT(female_single));
        snprintf(buf, len, "%s", c);
        return;
    }
    if (gen_rand_chance(r, 400)) {
        const char *const *t;
        size_t n;
        if (birth_year < 1960) {
            t = male ? male_old : female_old;
            n = male ? COUNT(male_old) : COUNT(female_old);
        } else if (birth_year < 1990) {
            t = male ? male_mid : female_mid;
            n = male ? COUNT(male_mid) : COUNT(female_mid);
        } else {
            t = male ? male_young : female_young;
            n = male ? COUNT(male_young) : COUNT(female_young);
        }
        snprintf(buf, len, "%s", pick(r, t, n));
        return;
    }
    const char *a =
        male ? pick(r, male_first, COUNT(male_first)) : pick(r, female_first, COUNT(female_first));
    const char *b = male ? pick(r, male_second, COUNT(male_second))
                         : pick(r, female_second, COUNT(female_second));
    if (strcmp(a, b) == 0 && gen_rand_chance(r, 800))
        b = male ? "明" : "华"; /* 伟伟, 静静: rare outside nicknames */
    snprintf(buf, len, "%s%s", a, b);
}

void gen_name(struct gen_rand *r, int sex, int birth_year, char buf[GEN_NAME_MAX])
{
    char given[GEN_NAME_MAX];
    const char *s = gen_surname(r);
    gen_given_name(r, sex, birth_year, given, sizeof given);
    snprintf(buf, GEN_NAME_MAX, "%s%s", s, given);
}
