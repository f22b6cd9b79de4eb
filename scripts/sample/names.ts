/**
 * Place and unit names for the fictional province modelled on Tuyên Quang.
 *
 * Only places, agencies, numbers and generic topics — no personal names. Places whose name
 * honours a person are deliberately left out. All strings are NFC.
 */

export type Region = "lowland" | "midland" | "highland";

export interface DistrictDef {
  /** Committee code suffix, e.g. "YS" for HU-YS. */
  readonly code: string;
  /** District name, e.g. "Yên Sơn". */
  readonly name: string;
  readonly region: Region;
  /** Township (thị trấn) name, if the district has one. */
  readonly town?: string;
  readonly communes: readonly string[];
  /** High schools named after places in the district. */
  readonly highSchools: readonly string[];
}

export const DISTRICTS: readonly DistrictDef[] = [
  {
    code: "YS",
    name: "Yên Sơn",
    region: "midland",
    communes: [
      "Thắng Quân", "Tân Long", "Lang Quán", "Chân Sơn", "Trung Môn", "Chiêu Yên", "Phúc Ninh", "Lực Hành",
      "Quý Quân", "Kiến Thiết", "Trung Trực", "Xuân Vân", "Tân Tiến", "Hoàng Khai", "Nhữ Hán", "Nhữ Khê",
      "Mỹ Bằng", "Phú Thịnh", "Đội Bình", "Tiến Bộ", "Công Đa", "Trung Sơn", "Kim Quan", "Tứ Quận",
      "Đạo Viện", "Trung Minh", "Phú Lâm", "Hùng Lợi", "Thái Bình"
    ],
    highSchools: ["Trường THPT Trung Sơn", "Trường THPT Xuân Vân", "Trường THPT Tháng 10", "Trường THPT Nhữ Khê"]
  },
  {
    code: "SD",
    name: "Sơn Dương",
    region: "lowland",
    town: "Sơn Dương",
    communes: [
      "Tân Trào", "Minh Thanh", "Bình Yên", "Trung Yên", "Lương Thiện", "Hợp Thành", "Kháng Nhật", "Thiện Kế",
      "Sơn Nam", "Hào Phú", "Tam Đa", "Vĩnh Lợi", "Thượng Ấm", "Cấp Tiến", "Phúc Ứng", "Tú Thịnh",
      "Đông Thọ", "Văn Phú", "Đồng Quý", "Quyết Thắng", "Hồng Lạc", "Sầm Dương", "Lâm Xuyên", "Chi Thiết",
      "Đông Lợi", "Tuân Lộ", "Hợp Hòa", "Ninh Lai", "Vân Sơn", "Tân Thanh", "Phú Lương", "Đại Phú"
    ],
    highSchools: ["Trường THPT Sơn Dương", "Trường THPT Kháng Nhật", "Trường THPT Sơn Nam", "Trường THPT Đông Thọ", "Trường THPT Tân Trào"]
  },
  {
    code: "HY",
    name: "Hàm Yên",
    region: "midland",
    town: "Tân Yên",
    communes: [
      "Yên Thuận", "Bạch Xa", "Minh Khương", "Minh Dân", "Phù Lưu", "Minh Hương", "Yên Phú", "Tân Thành",
      "Bình Xa", "Thái Sơn", "Nhân Mục", "Thành Long", "Bằng Cốc", "Thái Hòa", "Đức Ninh", "Hùng Đức", "Yên Lâm"
    ],
    highSchools: ["Trường THPT Hàm Yên", "Trường THPT Thái Hòa", "Trường THPT Phù Lưu"]
  },
  {
    code: "CH",
    name: "Chiêm Hóa",
    region: "highland",
    town: "Vĩnh Lộc",
    communes: [
      "Trung Hà", "Tân Mỹ", "Hà Lang", "Hùng Mỹ", "Yên Lập", "Tân An", "Bình Phú", "Xuân Quang",
      "Ngọc Hội", "Phú Bình", "Hòa Phú", "Phúc Thịnh", "Kiên Đài", "Tân Thịnh", "Trung Hòa", "Kim Bình",
      "Hòa An", "Vinh Quang", "Tri Phú", "Nhân Lý", "Yên Nguyên", "Linh Phú", "Bình Nhân", "Minh Quang", "Phúc Sơn"
    ],
    highSchools: ["Trường THPT Chiêm Hóa", "Trường THPT Kim Bình", "Trường THPT Hòa Phú", "Trường THPT Minh Quang"]
  },
  {
    code: "NH",
    name: "Na Hang",
    region: "highland",
    town: "Na Hang",
    communes: [
      "Sinh Long", "Thượng Giáp", "Thượng Nông", "Côn Lôn", "Yên Hoa", "Hồng Thái", "Đà Vị", "Khau Tinh",
      "Sơn Phú", "Năng Khả", "Thanh Tương"
    ],
    highSchools: ["Trường THPT Na Hang", "Trường THPT Yên Hoa"]
  },
  {
    code: "LB",
    name: "Lâm Bình",
    region: "highland",
    communes: ["Lăng Can", "Thượng Lâm", "Khuôn Hà", "Phúc Yên", "Xuân Lập", "Bình An", "Hồng Quang", "Thổ Bình"],
    highSchools: ["Trường THPT Lâm Bình", "Trường THPT Thượng Lâm"]
  }
];

/** Wards and communes of the provincial city (those named after people are left out). */
export const CITY_WARDS = ["Tân Quang", "Minh Xuân", "Ỷ La", "Hưng Thành", "Nông Tiến", "Tân Hà", "Mỹ Lâm"] as const;
export const CITY_COMMUNES = ["An Tường", "An Khang", "Lưỡng Vượng", "Thái Long", "Tràng Đà", "Kim Phú"] as const;

/** Hamlet names: Kinh-style names (lowland/midland) and Tày-style syllables (midland/highland). */
export const KINH_HAMLETS = [
  "Tân Thành", "Tân Lập", "Đồng Tâm", "Hợp Thịnh", "Đoàn Kết", "Cây Thị", "Cầu Quất", "Đồng Bèn",
  "Làng Mãn", "Gò Chè", "Đồng Giàn", "Cây Quéo", "Gềnh Luộc", "Làng Ngòi", "Thống Nhất", "Tân Tiến",
  "Quyết Thắng", "Đồng Mới", "Đồng Chùa", "Đồng Trò", "Xóm Mới", "Khe Thuyền", "Làng Chùa", "An Lạc",
  "An Thịnh", "Thịnh Kim", "Bình Ca", "Trung Tâm", "Hưng Thịnh", "Tiền Phong", "Đồng Xe", "Đồng Phai",
  "Đồng Cháy", "Hòa Bình", "Cao Đá", "Làng Là", "Đồng Rôm", "Cây Đa", "Bến Đền", "Làng Hà", "Làng Bục",
  "Đồng Chằm", "Khuôn Lăn", "Cầu Trôi", "Tân Phú", "Phú Hưng", "Đồng Bài", "Làng Cả", "Dộc Vầu", "Đồng Đình",
  "Thác Cái", "Cao Ngỗi", "Lập Thành", "Trung Thành", "Đồng Ván", "Làng Trà", "Đồng Phú", "Ngòi Khế"
] as const;
export const TAY_FIRST = [
  "Nà", "Khuôn", "Pác", "Khau", "Nặm", "Bó", "Phiêng", "Cốc", "Lũng", "Búng", "Khuổi", "Pắc", "Thẳm", "Tát",
  "Đon", "Ngòi", "Pù", "Nà", "Khuôn", "Nà"
] as const;
export const TAY_SECOND = [
  "Mãn", "Khoai", "Tông", "Kèo", "Hon", "Lầu", "Pồng", "Cọ", "Mười", "Chang", "Pục", "Vài", "Nghè", "Vạt",
  "Cại", "Nưa", "Luông", "Coóc", "Giàng", "Hốc", "Phai", "Pài", "Kham", "Lạn", "Tấu", "Mạ", "Thốc", "Ổ",
  "Mu", "Bâu", "Pinh", "Chẳng", "Khét", "Bon", "Ngàm", "Thẩu", "Khà", "Càng", "Củng", "Quang", "Lừa", "Héo"
] as const;

/** Offices of a district People's Committee (cells of "Đảng bộ Cơ quan Chính quyền huyện ..."). */
export const DISTRICT_GOV_OFFICES = [
  "Văn phòng HĐND và UBND huyện", "Phòng Tài chính – Kế hoạch", "Phòng Nội vụ", "Phòng Tư pháp",
  "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Tài nguyên và Môi trường", "Phòng Kinh tế và Hạ tầng",
  "Phòng Giáo dục và Đào tạo", "Phòng Văn hóa và Thông tin", "Phòng Lao động – Thương binh và Xã hội",
  "Thanh tra huyện", "Phòng Y tế", "Phòng Dân tộc"
] as const;
export const DISTRICT_PARTY_OFFICES = [
  "Văn phòng Huyện ủy", "Ban Tổ chức Huyện ủy", "Ủy ban Kiểm tra Huyện ủy", "Ban Tuyên giáo Huyện ủy",
  "Ban Dân vận Huyện ủy", "Ủy ban Mặt trận Tổ quốc huyện", "Huyện đoàn", "Hội Liên hiệp Phụ nữ huyện",
  "Hội Nông dân huyện", "Hội Cựu chiến binh huyện"
] as const;
export const CITY_GOV_OFFICES = DISTRICT_GOV_OFFICES.map((s) =>
  s.replace("Văn phòng HĐND và UBND huyện", "Văn phòng HĐND và UBND thành phố").replace("Thanh tra huyện", "Thanh tra thành phố")
);
export const CITY_PARTY_OFFICES = [
  "Văn phòng Thành ủy", "Ban Tổ chức Thành ủy", "Ủy ban Kiểm tra Thành ủy", "Ban Tuyên giáo Thành ủy",
  "Ban Dân vận Thành ủy", "Ủy ban Mặt trận Tổ quốc thành phố", "Thành đoàn", "Hội Liên hiệp Phụ nữ thành phố",
  "Hội Nông dân thành phố", "Hội Cựu chiến binh thành phố"
] as const;

/** Standalone grassroots cells of a district (`<D>` is replaced by the district name). */
export const DISTRICT_STANDALONE: readonly (readonly [name: string, loai: "co_quan" | "su_nghiep" | "doanh_nghiep"])[] = [
  ["Trung tâm Y tế huyện <D>", "su_nghiep"],
  ["Kho bạc Nhà nước huyện <D>", "co_quan"],
  ["Chi cục Thuế huyện <D>", "co_quan"],
  ["Bảo hiểm xã hội huyện <D>", "co_quan"],
  ["Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện <D>", "su_nghiep"],
  ["Ngân hàng Chính sách xã hội huyện <D>", "co_quan"],
  ["Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh huyện <D>", "doanh_nghiep"],
  ["Công ty TNHH MTV Lâm nghiệp <D>", "doanh_nghiep"],
  ["Hạt Kiểm lâm huyện <D>", "co_quan"],
  ["Trung tâm Văn hóa, Truyền thông và Thể thao huyện <D>", "su_nghiep"],
  ["Ban Quản lý dự án đầu tư xây dựng huyện <D>", "su_nghiep"],
  ["Hợp tác xã chè <D>", "doanh_nghiep"]
];

/** Provincial departments forming grassroots party organisations under DU-KCQ. */
export const PROVINCE_DEPARTMENTS = [
  "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Kế hoạch và Đầu tư",
  "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
  "Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ", "Sở Công Thương",
  "Văn phòng Ủy ban nhân dân tỉnh", "Cơ quan Tỉnh ủy"
] as const;
export const DEPARTMENT_UNITS = [
  "Văn phòng Sở", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Thanh tra Sở", "Phòng Nghiệp vụ",
  "Phòng Quản lý chuyên ngành", "Chi cục trực thuộc", "Trung tâm trực thuộc", "Phòng Pháp chế", "Ban Quản lý dự án"
] as const;
export const HOSPITAL_UNITS = [
  "Khoa Nội", "Khoa Ngoại", "Khoa Sản", "Khoa Nhi", "Khoa Hồi sức cấp cứu", "Khoa Khám bệnh", "Phòng Điều dưỡng",
  "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh", "Phòng Kế hoạch tổng hợp", "Khoa Dược"
] as const;
export const UNIVERSITY_UNITS = [
  "Khoa Giáo dục Mầm non", "Khoa Giáo dục Tiểu học", "Khoa Kinh tế và Quản trị kinh doanh",
  "Khoa Nông – Lâm – Ngư nghiệp", "Khoa Khoa học xã hội và Nhân văn", "Khoa Khoa học tự nhiên và Công nghệ",
  "Phòng Đào tạo", "Phòng Tổ chức – Hành chính", "Trung tâm Thư viện"
] as const;
export const ENTERPRISE_UNITS = [
  "Phòng Kỹ thuật", "Phòng Kế hoạch – Kinh doanh", "Phân xưởng sản xuất", "Phòng Tổ chức – Hành chính",
  "Đội thi công", "Phân xưởng cơ điện", "Xí nghiệp thành viên"
] as const;

/** Large provincial organisations (dang_bo_co_so) under DU-KCQ besides the departments. */
export const PROVINCE_BIG_ORGS: readonly (readonly [name: string, loai: "su_nghiep" | "doanh_nghiep" | "co_quan", units: "hospital" | "university" | "enterprise" | "department"])[] = [
  ["Bệnh viện Đa khoa tỉnh", "su_nghiep", "hospital"],
  ["Trường Đại học Tân Trào", "su_nghiep", "university"],
  ["Đài Phát thanh và Truyền hình tỉnh", "su_nghiep", "department"],
  ["Công ty Điện lực Tuyên Quang", "doanh_nghiep", "enterprise"],
  ["Công ty cổ phần Xi măng Tân Quang", "doanh_nghiep", "enterprise"]
];

/** Standalone grassroots cells under DU-KCQ. */
export const PROVINCE_STANDALONE: readonly (readonly [name: string, loai: "co_quan" | "su_nghiep" | "doanh_nghiep"])[] = [
  ["Trường THPT Chuyên Tuyên Quang", "su_nghiep"],
  ["Trường THPT Ỷ La", "su_nghiep"],
  ["Trường THPT Sông Lô", "su_nghiep"],
  ["Báo Tuyên Quang", "su_nghiep"],
  ["Liên minh Hợp tác xã tỉnh", "co_quan"],
  ["Ban Quản lý các khu công nghiệp tỉnh", "co_quan"],
  ["Quỹ Đầu tư phát triển tỉnh", "co_quan"],
  ["Bảo hiểm xã hội tỉnh", "co_quan"],
  ["Cục Thống kê tỉnh", "co_quan"],
  ["Trường Cao đẳng Kỹ thuật – Công nghệ", "su_nghiep"],
  ["Công ty cổ phần Cấp thoát nước Tuyên Quang", "doanh_nghiep"],
  ["Công ty cổ phần Dược phẩm Tuyên Quang", "doanh_nghiep"],
  ["Công ty TNHH MTV Xổ số kiến thiết Tuyên Quang", "doanh_nghiep"],
  ["Công ty cổ phần Chè Mỹ Lâm", "doanh_nghiep"],
  ["Công ty cổ phần Khoáng sản và Vật liệu xây dựng", "doanh_nghiep"],
  ["Công ty TNHH MTV Lâm nghiệp Tuyên Bình", "doanh_nghiep"]
];

/** Police units. */
export const POLICE_DISTRICT_UNITS = [
  "Đội Cảnh sát giao thông", "Đội Cảnh sát điều tra tội phạm về trật tự xã hội",
  "Đội Cảnh sát điều tra tội phạm về kinh tế và ma túy", "Đội Tham mưu – Tổng hợp", "Đội An ninh",
  "Đội Cảnh sát quản lý hành chính về trật tự xã hội", "Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
  "Công an thị trấn"
] as const;
export const POLICE_PROVINCE_ORGS = ["Phòng Cảnh sát giao thông", "Phòng Cảnh sát cơ động", "Phòng Tham mưu"] as const;
export const POLICE_PROVINCE_ORG_UNITS = ["Đội Tổng hợp", "Đội Nghiệp vụ 1", "Đội Nghiệp vụ 2", "Đội Nghiệp vụ 3", "Đội Tuần tra"] as const;
export const POLICE_STANDALONE = [
  "Phòng Hậu cần", "Phòng Tổ chức cán bộ", "Phòng An ninh chính trị nội bộ",
  "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Phòng Hồ sơ", "Trại tạm giam Công an tỉnh"
] as const;

/** Military units. */
export const MILITARY_HQ_UNITS = [
  "Phòng Tham mưu", "Phòng Chính trị", "Phòng Hậu cần", "Phòng Kỹ thuật", "Ban Tác chiến", "Ban Dân quân tự vệ",
  "Ban Tài chính"
] as const;
export const MILITARY_DISTRICT_UNITS = ["Tham mưu – Chính trị", "Hậu cần – Kỹ thuật", "Trung đội dân quân cơ động"] as const;
export const MILITARY_STANDALONE = [
  "Đại đội Trinh sát", "Đại đội Công binh", "Đại đội Thông tin", "Tiểu đoàn Huấn luyện – Cơ động",
  "Trung đội Cảnh vệ"
] as const;

/** Generic thematic-meeting topics. */
export const TOPICS_GENERAL = [
  "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  "Công tác phát triển đảng viên",
  "Nâng cao chất lượng sinh hoạt chi bộ",
  "Phòng, chống tham nhũng, lãng phí",
  "Thực hành tiết kiệm, chống lãng phí",
  "Công tác dân vận",
  "Công tác kiểm tra, giám sát của chi bộ",
  "Nêu gương của cán bộ, đảng viên"
] as const;
export const TOPICS_BY_LOAI: Record<string, readonly string[]> = {
  nong_thon: [
    "Xây dựng nông thôn mới",
    "Phát triển kinh tế đồi rừng",
    "Bảo vệ rừng, phòng chống cháy rừng",
    "Chuyển đổi cơ cấu cây trồng, vật nuôi",
    "Giảm nghèo bền vững",
    "Bảo đảm an ninh trật tự tại địa bàn"
  ],
  do_thi: [
    "Xây dựng văn minh đô thị",
    "Bảo đảm an ninh trật tự tại địa bàn",
    "Vệ sinh môi trường khu dân cư",
    "Xây dựng tổ dân phố văn hóa"
  ],
  co_quan: ["Cải cách hành chính", "Thực hiện văn hóa công sở", "Chuyển đổi số trong cơ quan", "Kỷ luật, kỷ cương hành chính"],
  su_nghiep: [
    "Đổi mới, nâng cao chất lượng chuyên môn",
    "Cải cách hành chính",
    "Nâng cao chất lượng phục vụ người dân",
    "Thực hiện quy tắc ứng xử nơi công sở"
  ],
  doanh_nghiep: [
    "Sản xuất kinh doanh và việc làm cho người lao động",
    "An toàn lao động",
    "Nâng cao năng lực cạnh tranh của doanh nghiệp"
  ],
  luc_luong_vu_trang: [
    "Xây dựng lực lượng chính quy, tinh nhuệ, từng bước hiện đại",
    "Bảo đảm an ninh chính trị, trật tự an toàn xã hội",
    "Chấp hành kỷ luật, điều lệnh",
    "Công tác huấn luyện, sẵn sàng chiến đấu"
  ],
  khac: []
};
/** Topics tied to a time window: [topic, fromYear, toYear]. */
export const TOPICS_DATED: readonly (readonly [string, number, number])[] = [
  ["Thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng", 2017, 2020],
  ["Thực hiện Chỉ thị 10-CT/TW về nâng cao chất lượng sinh hoạt chi bộ", 2016, 2018],
  ["Học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII", 2020, 2021],
  ["Học tập, quán triệt Nghị quyết Đại hội XIII của Đảng", 2021, 2022],
  ["Phòng, chống dịch COVID-19", 2020, 2021],
  ["Phục hồi và phát triển kinh tế – xã hội sau đại dịch", 2022, 2022],
  // years after the default sample (--through): none may start before 2023, or the 2016–2022 topics would change
  ["Thực hiện Kết luận 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng", 2023, 2024],
  ["Chuyển đổi số trong hoạt động của tổ chức đảng", 2023, 2030],
  ["Sắp xếp, tinh gọn tổ chức bộ máy theo Nghị quyết 18-NQ/TW", 2025, 2025],
  ["Vận hành chính quyền địa phương hai cấp", 2025, 2026],
  ["Học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2025–2030", 2025, 2026],
  ["Học tập, quán triệt Nghị quyết Đại hội XIV của Đảng", 2026, 2027]
];
export const TOPIC_COVID = "Phòng, chống dịch COVID-19";

/** Notes (ghi_chu); some contain the delimiter or quotes to exercise RFC 4180 quoting. */
export const NOTES_LATE = [
  "Lùi lịch do trùng lịch công tác",
  "Lùi lịch do mưa lũ; sinh hoạt bù",
  "Lùi lịch do mùa vụ",
  "Lùi lịch theo chỉ đạo của cấp ủy cấp trên"
] as const;
export const NOTE_TET = "Lùi lịch do nghỉ Tết Nguyên đán";
export const NOTE_ELECTION = "Lùi lịch do bầu cử đại biểu Quốc hội và HĐND các cấp";
export const NOTE_ONLINE = "Sinh hoạt trực tuyến do giãn cách xã hội";
export const NOTE_REFORM = "Lùi lịch do sắp xếp, kiện toàn tổ chức đảng cấp xã";
export const NOTES_THEMATIC = [
  'Quán triệt mô hình "Dân vận khéo"',
  "Có mời đại diện Mặt trận, đoàn thể dự",
  "Tổ chức lồng ghép với hội nghị nhân dân"
] as const;
export const NOTES_OTHER = [
  "Biểu dương đảng viên tiêu biểu trong tháng",
  "Xét đề nghị kết nạp đảng viên mới",
  "Chuyển sinh hoạt đảng cho đảng viên",
  "Kiểm tra việc thực hiện nghị quyết tháng trước",
  "Thu đảng phí"
] as const;
